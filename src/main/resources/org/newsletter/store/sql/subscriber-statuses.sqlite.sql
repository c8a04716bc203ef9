(SELECT group_concat(l.slug || ':' || x.status, ' ') FROM subscription x JOIN mailing_list l ON l.id = x.list_id WHERE x.subscriber_id = s.id)
