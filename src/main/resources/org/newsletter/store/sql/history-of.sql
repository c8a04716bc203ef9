-- Every state each subscription has been in: the ones it left (the log) and the one it is in.
SELECT slug, status, how, at FROM (
    SELECT l.slug, e.status, e.how, e.at, 0 AS current, e.id AS seq
    FROM subscription_event e JOIN mailing_list l ON l.id = e.list_id WHERE e.subscriber_id = :id
    UNION ALL
    SELECT l.slug, s.status, s.how, s.changed_at, 1, 0
    FROM subscription s JOIN mailing_list l ON l.id = s.list_id WHERE s.subscriber_id = :id
) history
ORDER BY at, current, seq
