SELECT l.slug, s.status, s.how, s.changed_at FROM subscription s JOIN mailing_list l ON l.id = s.list_id
WHERE s.subscriber_id = :id ORDER BY l.slug
