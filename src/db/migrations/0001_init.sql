-- Foundation schema (SPEC §1, §2, §11). Every table carries the key it would be distributed by
-- (ecosystem_id for records and memberships, user_id for sessions), so a move to Citus needs no
-- reshaping.

CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE,            -- stored lower-cased
  name text NOT NULL,
  password_hash text NOT NULL,           -- scrypt, see src/auth/passwordHashing.ts
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Server-side sessions: any instance serves any session. The cookie carries a random token;
-- only its SHA-256 is stored, so a database dump does not hand out live sessions.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_id ON sessions(user_id);

-- Failed sign-ins per key (an email, or a client address), for the login throttle.
CREATE TABLE login_failures (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL
);

CREATE TABLE ecosystems (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  ecosystem_id uuid NOT NULL REFERENCES ecosystems(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin', 'host', 'member')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ecosystem_id, user_id)
);
CREATE INDEX memberships_user_id ON memberships(user_id);

-- Meeting records of the three kinds (SPEC §1). Zoom state lives in zoom_status and the zoom_*
-- columns; `not_applicable` for every non-Zoom location.
CREATE TABLE meetings (
  id uuid PRIMARY KEY,
  ecosystem_id uuid NOT NULL REFERENCES ecosystems(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('booking', 'mentorship', 'event')),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  start_at timestamptz NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),
  timezone text NOT NULL,
  host_user_id uuid NOT NULL REFERENCES users(id),
  created_by uuid NOT NULL REFERENCES users(id),
  location_type text NOT NULL CHECK (location_type IN ('zoom', 'in_person', 'link')),
  location_address text,
  location_url text,
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  cancelled_at timestamptz,
  sequence integer NOT NULL DEFAULT 0,   -- ICS SEQUENCE, bumped on every change attendees see
  zoom_status text NOT NULL DEFAULT 'not_applicable',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meetings_ecosystem_start ON meetings(ecosystem_id, start_at);
CREATE INDEX meetings_host ON meetings(host_user_id, start_at);

-- Attendees of bookings and sessions, registrants of events.
CREATE TABLE attendees (
  id uuid PRIMARY KEY,
  meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  ecosystem_id uuid NOT NULL,
  email text NOT NULL,
  name text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('attendee', 'registrant')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, email)
);

-- Every message the product sends. The mail job delivers it over SMTP, or (embedded mode without
-- SMTP_URL) leaves it here to be read at /dev/mailbox.
CREATE TABLE mail_messages (
  id uuid PRIMARY KEY,
  ecosystem_id uuid,
  meeting_id uuid,
  to_address text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  ics text,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'stored')),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX mail_messages_created ON mail_messages(created_at DESC);
