-- New people (ids first..last, created by this import a moment ago) subscribe to the list.
INSERT INTO subscription (subscriber_id, list_id, status, how, changed_at)
SELECT id, ?, ?, ?, ? FROM subscriber WHERE id BETWEEN ? AND ?
