-- Zoom as it really answers (issue 11, ZOOM-FACTS §10).
--
-- A meeting that is running cannot be deleted (400 code 3002, §10.3): the delete is tried again
-- after the meeting's scheduled end. A reschedule has already changed the record's times by then,
-- so each provider meeting keeps the schedule it was created with, and when its delete may be
-- tried next (also used for Retry-After on deletes). Rows from before this migration have no
-- schedule; the record's is used for them.
ALTER TABLE provider_meetings
  ADD COLUMN starts_at timestamptz,
  ADD COLUMN duration_minutes integer,
  ADD COLUMN retry_at timestamptz;

-- Zoom's deprecated Data Compliance endpoint may be gone (404/410): that is its own final outcome,
-- recorded once per deauthorization, instead of ten days of retries.
ALTER TABLE zoom_deauthorizations DROP CONSTRAINT IF EXISTS zoom_deauthorizations_notice_status_check;
ALTER TABLE zoom_deauthorizations
  ADD CONSTRAINT zoom_deauthorizations_notice_status_check CHECK (notice_status IN ('pending', 'sent', 'skipped', 'endpoint_gone'));
