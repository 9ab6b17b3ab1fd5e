-- Languages (docs/product.md §15): each user reads the product in their own language, and an
-- ecosystem's mail to people without an account goes in the ecosystem's language. Existing
-- rows get English, the language they have read so far.
ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'en'
  CONSTRAINT users_locale_known CHECK (locale IN ('en', 'fi', 'sv'));
ALTER TABLE ecosystems ADD COLUMN locale text NOT NULL DEFAULT 'en'
  CONSTRAINT ecosystems_locale_known CHECK (locale IN ('en', 'fi', 'sv'));
-- A pending sign-up keeps the language and time zone guessed when it was made (the request's
-- language; the zone the browser reported, when it is a known one): the confirmation mail goes in
-- that language, and the account the link creates starts with both. Pending rows from before this
-- get English and no zone.
ALTER TABLE signup_confirmations ADD COLUMN locale text NOT NULL DEFAULT 'en'
  CONSTRAINT signup_confirmations_locale_known CHECK (locale IN ('en', 'fi', 'sv'));
ALTER TABLE signup_confirmations ADD COLUMN timezone text;
