-- The list a link names (whatever the person's status on it) and every list they have a status on.
SELECT l.id, l.slug, l.name, l.description, l.double_opt_in, l.visibility, l.language, l.created_at, sub.status
FROM mailing_list l
LEFT JOIN subscription sub ON sub.list_id = l.id AND sub.subscriber_id = :id
WHERE l.id = :listId OR sub.subscriber_id IS NOT NULL
ORDER BY l.name, l.id
