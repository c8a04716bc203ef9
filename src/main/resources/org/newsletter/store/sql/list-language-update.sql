UPDATE mailing_list SET language = :language WHERE id = :id
