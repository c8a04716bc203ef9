UPDATE mailing_list SET visibility = :visibility WHERE id = :id
