-- Welcome campaigns with someone waiting for their welcome mail.
SELECT c.id FROM campaign c WHERE c.status = 'sending' AND c.id IN (SELECT welcome_campaign_id FROM mailing_list) ORDER BY c.id
