(SELECT string_agg(l.slug || ':' || x.status, ' ' ORDER BY l.slug) FROM subscription x JOIN mailing_list l ON l.id = x.list_id WHERE x.subscriber_id = s.id)
