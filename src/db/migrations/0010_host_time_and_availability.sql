-- Lets Meet as a booking product (docs/product.md §12): a host's availability per ecosystem, and
-- the database's guarantee that a host's live records never overlap.

-- Equality on uuid inside a GiST exclusion constraint (PostgreSQL contrib; PGlite ships it).
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- A host's availability in one ecosystem: the document `GET|PUT …/my-availability` answers and
-- takes (src/availability/availabilityInput.ts validates it), keyed like the ecosystem's other data.
CREATE TABLE host_availability (
  ecosystem_id uuid NOT NULL REFERENCES ecosystems(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  bookable boolean NOT NULL,
  settings jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ecosystem_id, user_id)
);

-- The time each live record (`requested` or `scheduled`) holds on its host's calendar, keyed by the
-- host's user id (a host's time spans ecosystems; docs/operations.md on running at scale). The
-- exclusion constraint is the guarantee: no two rows of one host overlap in [start, end), whatever
-- the concurrency or the instance. Rows are written only by the trigger below, from `meetings`.
-- `overlap_kept` marks a record that already overlapped another of its host's when this rule
-- arrived: it is kept as it is (and listed by `npm run reconcile`) until it is moved or ends.
CREATE TABLE host_time (
  host_user_id uuid NOT NULL,
  meeting_id uuid NOT NULL,
  ecosystem_id uuid NOT NULL,
  during tstzrange NOT NULL,
  overlap_kept boolean NOT NULL DEFAULT false,
  PRIMARY KEY (host_user_id, meeting_id),
  CONSTRAINT host_time_no_overlap EXCLUDE USING gist (host_user_id WITH =, during WITH &&) WHERE (NOT overlap_kept)
);
CREATE INDEX host_time_kept ON host_time (host_user_id) WHERE overlap_kept;

-- Existing live records, in order of start: a record that overlaps one already placed is kept and
-- marked instead of refused.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT id, host_user_id, ecosystem_id,
           tstzrange(start_at, start_at + make_interval(mins => duration_minutes), '[)') AS span
    FROM meetings WHERE status IN ('requested', 'scheduled')
    ORDER BY host_user_id, start_at, created_at, id
  LOOP
    INSERT INTO host_time (host_user_id, meeting_id, ecosystem_id, during, overlap_kept)
    VALUES (r.host_user_id, r.id, r.ecosystem_id, r.span,
            EXISTS (SELECT 1 FROM host_time h
                    WHERE h.host_user_id = r.host_user_id AND NOT h.overlap_kept AND h.during && r.span));
  END LOOP;
END
$$;

-- Keeps host_time in step with every write to `meetings`, whichever code makes it. A live record
-- that would overlap another of its host's raises exclusion_violation on host_time_no_overlap (the
-- constraint itself, or, against a kept overlap, this function), which the app answers with 409
-- `host_busy`; the write is refused and nothing of it stays.
CREATE FUNCTION meetings_hold_host_time() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  span tstzrange;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM host_time WHERE host_user_id = OLD.host_user_id AND meeting_id = OLD.id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.status = NEW.status AND OLD.start_at = NEW.start_at
       AND OLD.duration_minutes = NEW.duration_minutes AND OLD.host_user_id = NEW.host_user_id THEN
      RETURN NULL;
    END IF;
    DELETE FROM host_time WHERE host_user_id = OLD.host_user_id AND meeting_id = OLD.id;
  END IF;
  IF NEW.status IN ('requested', 'scheduled') THEN
    span := tstzrange(NEW.start_at, NEW.start_at + make_interval(mins => NEW.duration_minutes), '[)');
    IF EXISTS (SELECT 1 FROM host_time
               WHERE host_user_id = NEW.host_user_id AND overlap_kept AND during && span) THEN
      RAISE EXCEPTION 'the host has another record at that time'
        USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'host_time_no_overlap';
    END IF;
    INSERT INTO host_time (host_user_id, meeting_id, ecosystem_id, during)
    VALUES (NEW.host_user_id, NEW.id, NEW.ecosystem_id, span);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER meetings_host_time
  AFTER INSERT OR DELETE OR UPDATE OF status, start_at, duration_minutes, host_user_id ON meetings
  FOR EACH ROW EXECUTE FUNCTION meetings_hold_host_time();

-- The records a person attends, by their address, for a host's busy time in every ecosystem.
CREATE INDEX attendees_email ON attendees (email);
