SELECT l.id, l.slug, l.name, l.description, l.double_opt_in, l.visibility, l.language, l.created_at,
       COALESCE(SUM(CASE WHEN s.status = 'subscribed' THEN 1 ELSE 0 END), 0)   AS subscribed,
       COALESCE(SUM(CASE WHEN s.status = 'pending' THEN 1 ELSE 0 END), 0)      AS pending,
       COALESCE(SUM(CASE WHEN s.status = 'unsubscribed' THEN 1 ELSE 0 END), 0) AS unsubscribed
FROM mailing_list l LEFT JOIN subscription s ON s.list_id = l.id
GROUP BY l.id, l.slug, l.name, l.description, l.double_opt_in, l.visibility, l.language, l.created_at
ORDER BY l.slug
