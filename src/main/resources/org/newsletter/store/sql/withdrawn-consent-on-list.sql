SELECT l.slug, w.how, w.at FROM withdrawn_consent w JOIN mailing_list l ON l.id = w.list_id
WHERE w.list_id = :listId AND w.email_hash = :hash
