-- Before a person is deleted: every list they left stays left, under the hash of their address.
INSERT INTO withdrawn_consent (list_id, email_hash, how, at)
SELECT list_id, :hash, how, changed_at FROM subscription WHERE subscriber_id = :id AND status = 'unsubscribed'
ON CONFLICT (list_id, email_hash) DO UPDATE SET how = excluded.how, at = excluded.at
