-- Pacing of meeting creates per Zoom account (issue 12, ZOOM-FACTS §6.2: per-second limits are
-- per account). `next_at` is the earliest time the next create on that account may be sent; each
-- claim takes the next free slot under this row's lock, so several instances share one pace.
CREATE TABLE provider_create_slots (
  pace_key text PRIMARY KEY,
  next_at timestamptz NOT NULL
);
