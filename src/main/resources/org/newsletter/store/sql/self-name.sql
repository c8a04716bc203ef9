SELECT name FROM subscriber WHERE id = :id
