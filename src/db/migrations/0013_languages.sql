-- Languages (docs/product.md §15): each user reads the product in their own language, and an
-- ecosystem's mail to people without an account goes in the ecosystem's language. Existing
-- rows get English, the language they have read so far.
ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'en'
  CONSTRAINT users_locale_known CHECK (locale IN ('en', 'fi', 'sv'));
ALTER TABLE ecosystems ADD COLUMN locale text NOT NULL DEFAULT 'en'
  CONSTRAINT ecosystems_locale_known CHECK (locale IN ('en', 'fi', 'sv'));
