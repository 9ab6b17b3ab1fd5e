-- Membership by consent and a host's Zoom only with the host's consent (SPEC §2).
--
-- Existing data keeps working: every current membership stays a membership (nothing here touches
-- them), and records already made keep their Zoom meetings — consent is checked when a record is
-- created, never by the provision/delete jobs, so pending and live Zoom work carries on.
-- `zoom_for_others` starts off for everyone: a host opts in per ecosystem on its Manage page.
ALTER TABLE memberships ADD COLUMN zoom_for_others boolean NOT NULL DEFAULT false;

-- Invitations: adding someone makes one of these, not a membership. The invitee (matched by the
-- email of their account, now or after they sign up) accepts or declines; an admin may revoke.
-- Rows are kept after they are answered, as the ecosystem's record of who was invited by whom.
CREATE TABLE invitations (
  id uuid PRIMARY KEY,
  ecosystem_id uuid NOT NULL REFERENCES ecosystems(id) ON DELETE CASCADE,
  email text NOT NULL,                   -- lower-cased
  role text NOT NULL CHECK (role IN ('admin', 'host', 'member')),
  invited_by uuid NOT NULL REFERENCES users(id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
  created_at timestamptz NOT NULL DEFAULT now(),
  responded_at timestamptz
);
-- At most one open invitation per person per ecosystem; a new invite updates it.
CREATE UNIQUE INDEX invitations_one_pending ON invitations(ecosystem_id, email) WHERE status = 'pending';
CREATE INDEX invitations_pending_by_email ON invitations(email) WHERE status = 'pending';

-- Zoom records that someone other than the host created on the host's Zoom, per creator per UTC
-- day (SPEC §2: nobody can spend a host's 100-a-day Zoom cap). Incremented in the create's own
-- transaction with a bounded upsert, so concurrent creates cannot overshoot the limit.
CREATE TABLE zoom_records_by_others (
  host_user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  creator_user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  utc_day text NOT NULL,                 -- YYYY-MM-DD (UTC)
  creates integer NOT NULL,
  PRIMARY KEY (host_user_id, creator_user_id, utc_day)
);
