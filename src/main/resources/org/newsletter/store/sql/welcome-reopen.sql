UPDATE campaign SET audience = audience + 1, status = 'sending', finished_at = NULL
WHERE id = (SELECT welcome_campaign_id FROM mailing_list WHERE id = :list)
