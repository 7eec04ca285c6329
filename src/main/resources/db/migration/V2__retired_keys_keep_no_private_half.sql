-- A retired signing key only verifies: its private half is deleted (SigningKeyStore), so the column may be empty.
-- The private half of the current key is stored encrypted (PrivateKeyEnvelope), which fits the existing width.
ALTER TABLE signing_keys ALTER COLUMN private_key DROP NOT NULL;
