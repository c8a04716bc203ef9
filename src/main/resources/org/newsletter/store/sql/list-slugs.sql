SELECT slug FROM mailing_list ORDER BY slug
