SELECT s.id AS subscriber_id, s.email, sub.list_id
FROM subscriber s
JOIN subscription sub ON sub.subscriber_id = s.id
WHERE s.id = :subscriber AND sub.list_id = :list
