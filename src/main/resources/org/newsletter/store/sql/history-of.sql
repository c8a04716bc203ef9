SELECT l.slug, e.status, e.how, e.at FROM subscription_event e JOIN mailing_list l ON l.id = e.list_id
WHERE e.subscriber_id = :id ORDER BY e.at, e.id
