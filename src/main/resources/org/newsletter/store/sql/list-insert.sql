INSERT INTO mailing_list (slug, name, description, double_opt_in, visibility, created_at)
VALUES (:slug, :name, :description, :doubleOptIn, :visibility, :now)
