SELECT email_hash FROM suppression WHERE email_hash IN (<hashes>)
