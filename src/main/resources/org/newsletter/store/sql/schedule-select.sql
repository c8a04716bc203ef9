SELECT s.id, s.issue, l.slug AS list_slug, s.segment, s.subject, s.content_hash, s.send_at, s.status, s.campaign_id, s.problem,
       s.created_by, s.created_at
FROM scheduled_campaign s JOIN mailing_list l ON l.id = s.list_id
