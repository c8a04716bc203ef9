DELETE FROM subscriber WHERE id = :id
