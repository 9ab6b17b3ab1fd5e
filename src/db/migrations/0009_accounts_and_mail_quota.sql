-- Accounts only their owners control, consent on every Zoom meeting others make, and mail limits
-- (docs/product.md §2).

-- The password is chosen on the confirmation step, by whoever holds the mailed link: a sign-up
-- keeps no password. Hashes chosen by whoever signed up before this change are dropped, so no
-- pending link can activate a password its mailbox owner did not choose.
ALTER TABLE signup_confirmations DROP COLUMN password_hash;

-- Sessions end 14 days after their last use as well as 30 days after sign-in (expires_at). Sessions
-- that exist when this runs get 14 days from now.
ALTER TABLE sessions ADD COLUMN idle_expires_at timestamptz NOT NULL DEFAULT now() + interval '14 days';

-- One-time password-reset links: only the SHA-256 of the mailed token is kept; 1 hour to live.
CREATE TABLE password_resets (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX password_resets_user_id ON password_resets(user_id);
CREATE INDEX password_resets_expires ON password_resets(expires_at);

-- The mail gate's counters (src/mail/mailGate.ts): one row per key (a person's hour or day, an
-- ecosystem's hour, a client address's hour, a mailbox's sign-up or reset mails, an invitation's
-- day), counted by a bounded upsert in the transaction of the action that causes the mail.
CREATE TABLE mail_quota (
  key text PRIMARY KEY,
  window_ends_at timestamptz NOT NULL,  -- the count belongs to the window ending then
  mails integer NOT NULL,
  mail_limit integer NOT NULL           -- the limit the last count was checked against
);

-- Refuses a count that does not fit with its own SQLSTATE, naming the counter: an action's count is
-- then checked with its transaction's COMMIT, like its other writes, and the app answers 429.
CREATE FUNCTION mail_quota_refused(counter text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'mail quota reached' USING ERRCODE = 'EQ429', DETAIL = counter;
END
$$;

-- Zoom meetings all others together put on one host's Zoom per UTC day (beside the per-creator
-- count in zoom_records_by_others): the rest of Zoom's daily creates stays the host's own.
CREATE TABLE zoom_records_for_host (
  host_user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  utc_day text NOT NULL,                 -- YYYY-MM-DD (UTC)
  creates integer NOT NULL,
  PRIMARY KEY (host_user_id, utc_day)
);
