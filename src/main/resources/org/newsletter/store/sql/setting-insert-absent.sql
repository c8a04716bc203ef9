INSERT INTO setting (name, value) VALUES (:name, :value) ON CONFLICT (name) DO NOTHING
