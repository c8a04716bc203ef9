SELECT id, slug, name, description, double_opt_in, visibility, language, created_at FROM mailing_list
