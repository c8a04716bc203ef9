SELECT email FROM subscriber WHERE id = :id
