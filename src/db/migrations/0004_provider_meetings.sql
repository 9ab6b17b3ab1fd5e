-- Online meetings at the provider (Zoom) that belong to records (SPEC §4). A record has at most one
-- `live` meeting; a reschedule retires it (`deleting`) and provisions a new one. Rows are kept
-- after deletion as the audit of what was created and removed, so "no ghosts" can be checked.
CREATE TABLE provider_meetings (
  id uuid PRIMARY KEY,
  meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  ecosystem_id uuid NOT NULL,
  host_user_id uuid NOT NULL,            -- the app user whose connection created it
  account_ref text NOT NULL,             -- the Zoom user id that created (and may delete) it
  state text NOT NULL CHECK (state IN ('creating', 'live', 'deleting', 'deleted', 'orphaned', 'ambiguous', 'failed')),
  external_id text,                      -- Zoom meeting id (int64 as text)
  external_uuid text,
  join_url text,
  passcode text,
  last_error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX provider_meetings_meeting ON provider_meetings(meeting_id);
CREATE INDEX provider_meetings_account_state ON provider_meetings(account_ref, state);
CREATE UNIQUE INDEX provider_meetings_one_live ON provider_meetings(meeting_id) WHERE state IN ('creating', 'live');

-- Creates per Zoom user per UTC day (Zoom allows 100, ZOOM-FACTS §6.2).
CREATE TABLE provider_daily_creates (
  account_ref text NOT NULL,
  utc_day text NOT NULL,                 -- YYYY-MM-DD (UTC)
  creates integer NOT NULL,
  PRIMARY KEY (account_ref, utc_day)
);

ALTER TABLE meetings ADD COLUMN zoom_detail text;          -- why the status is what it is (shown to the host)
ALTER TABLE meetings ADD COLUMN zoom_retry_at timestamptz; -- when waiting work will be tried again
ALTER TABLE meetings ADD COLUMN invitations_sent_sequence integer; -- the record sequence attendees were last mailed for
CREATE INDEX meetings_zoom_status ON meetings(zoom_status) WHERE zoom_status NOT IN ('not_applicable', 'created', 'deleted');
