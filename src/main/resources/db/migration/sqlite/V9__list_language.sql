-- A list's language (a BCP 47 tag such as 'cy'): its reader pages and confirmation emails speak it.
-- Empty: the workspace's language (newsletter.yaml), which is what every existing list had.
ALTER TABLE mailing_list ADD COLUMN language TEXT NOT NULL DEFAULT '';
