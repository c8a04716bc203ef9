SELECT id, slug, name, description, double_opt_in, created_at FROM mailing_list
