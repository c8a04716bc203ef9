UPDATE delivery SET bounce = :bounce WHERE campaign_id = :campaign AND subscriber_id = :subscriber
