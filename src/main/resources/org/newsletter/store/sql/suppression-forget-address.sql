-- The person is being removed: the suppression stays, by the hash alone.
UPDATE suppression SET email = NULL, note = :note WHERE email_hash = :hash
