-- Sign-up by confirmed email (SPEC §2, issue 9): `POST /api/auth/signup` creates no account. Each
-- attempt for an email without an account stores a one-time confirmation here and mails its link;
-- the account is created only when the link's token comes back. Each attempt keeps its own name and
-- password hash, so a later sign-up by someone else for the same unconfirmed email cannot change
-- which password the mailbox owner's link activates. Only the token's SHA-256 is stored.
CREATE TABLE signup_confirmations (
  token_hash text PRIMARY KEY,           -- SHA-256 (hex) of the random token in the mailed link
  email text NOT NULL,                   -- lower-cased
  name text NOT NULL,
  password_hash text NOT NULL,           -- scrypt, see src/auth/passwordHashing.ts
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL        -- created_at + 24 h
);
CREATE INDEX signup_confirmations_email ON signup_confirmations(email);
CREATE INDEX signup_confirmations_expires ON signup_confirmations(expires_at);

-- Sign-up mails per address are capped (one-hour window) with the sign-in counters in
-- login_failures, under `signup-mail:{email}` keys (src/auth/signupConfirmations.ts).
