SELECT c.id, c.issue, l.slug AS list_slug, c.segment, c.subject, c.content_hash, c.transport, c.audience, c.status,
       c.created_at, c.finished_at
FROM campaign c JOIN mailing_list l ON l.id = c.list_id
