-- A list is public (offered on the subscribe form and on the unsubscribe page's "your other lists")
-- or private (staff, members, an internal circle): private lists appear on no public page, except to
-- the person confirming an unsubscribe from that very list. Existing lists stay as they were: public.
ALTER TABLE mailing_list ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'private'));
