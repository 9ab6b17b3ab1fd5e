-- Around the meeting (docs/product.md §13): requests a host approves or declines, reminders, and
-- the personal links in mails.

-- A member's booking of a host who approves first is `requested` until the host answers:
-- `scheduled` (approved), `declined`, or `expired` (unanswered at its start minus the minimum
-- notice, `request_expires_at`). `status_reason` is the reason a person gave when declining or
-- cancelling, shown on the record and in the mails about it.
ALTER TABLE meetings DROP CONSTRAINT meetings_status_check;
ALTER TABLE meetings ADD CONSTRAINT meetings_status_check
  CHECK (status IN ('requested', 'scheduled', 'declined', 'expired', 'cancelled'));
ALTER TABLE meetings ADD COLUMN status_reason text;
ALTER TABLE meetings ADD COLUMN request_expires_at timestamptz;
CREATE INDEX meetings_requested_by_host ON meetings (host_user_id, start_at) WHERE status = 'requested';

-- When reminders go out, in minutes before a record's start (admins set it per ecosystem).
ALTER TABLE ecosystems ADD COLUMN reminder_minutes_before integer[] NOT NULL DEFAULT '{1440,60}';

-- A reminder sent: one row per record, start and offset, written in the transaction that queues
-- its mails, so a reminder job run twice (a crash after its commit) sends nothing the second time.
CREATE TABLE reminders_sent (
  meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  ecosystem_id uuid NOT NULL,
  start_at timestamptz NOT NULL,
  minutes_before integer NOT NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (meeting_id, start_at, minutes_before)
);

-- The personal links mailed to the people on a record (`/respond/{token}`): only the token's
-- SHA-256 is kept. A link lets its holder take one action on one record, until the record ends or
-- the holder has acted.
CREATE TABLE respond_links (
  token_hash text PRIMARY KEY,
  meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  ecosystem_id uuid NOT NULL,
  email text NOT NULL,
  action text NOT NULL CHECK (action IN ('decline', 'cancel', 'unregister')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX respond_links_holder ON respond_links (meeting_id, email);
CREATE INDEX respond_links_expiry ON respond_links (expires_at);

-- A person's own time zone (an IANA id), chosen on their account page or `PUT /api/me`: the mails
-- about records show them times in it. Unset, the record's own zone is used.
ALTER TABLE users ADD COLUMN timezone text;
