-- The issues that went out (a campaign was started for them; test sends start none), each with the
-- time its first campaign began and whether any campaign of it went to a public list: the catalogue
-- of the public archive, which lists only issues some public list received. A list's welcome mail is
-- not an issue that went out.
SELECT c.issue, MIN(c.created_at) AS first_sent,
       MAX(CASE WHEN l.visibility = 'public' THEN 1 ELSE 0 END) AS public_list
FROM campaign c
JOIN mailing_list l ON l.id = c.list_id
WHERE c.id NOT IN (SELECT welcome_campaign_id FROM mailing_list WHERE welcome_campaign_id IS NOT NULL)
GROUP BY c.issue
