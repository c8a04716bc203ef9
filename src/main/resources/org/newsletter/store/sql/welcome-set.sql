UPDATE mailing_list SET welcome_campaign_id = :campaign WHERE id = :list
