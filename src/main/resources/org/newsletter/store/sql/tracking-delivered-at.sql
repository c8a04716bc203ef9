-- When the server accepted this person's message of the campaign (the row's last change).
SELECT updated_at FROM delivery WHERE campaign_id = :campaign AND subscriber_id = :subscriber AND state = 'accepted'
