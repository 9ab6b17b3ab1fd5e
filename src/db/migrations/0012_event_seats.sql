-- Events people can plan (docs/product.md §14): a capacity, a waitlist that promotes itself, and a
-- time registration closes.

-- `capacity`: at most this many registrants are `registered`; null, no limit.
-- `registration_closes_at`: no registration after it; null, the event's start.
ALTER TABLE meetings ADD COLUMN capacity integer CHECK (capacity IS NULL OR capacity >= 1);
ALTER TABLE meetings ADD COLUMN registration_closes_at timestamptz;

-- A registrant is `registered` (has a seat) or `waitlisted` at a position, 1 first. The positions of
-- one event's waitlist are unique (checked when the transaction commits, so the waitlist can move up
-- by one in a single statement); they are kept without gaps under the event's row lock.
ALTER TABLE attendees ADD COLUMN status text NOT NULL DEFAULT 'registered'
  CHECK (status IN ('registered', 'waitlisted'));
ALTER TABLE attendees ADD COLUMN position integer CHECK ((status = 'waitlisted') = (position IS NOT NULL));
ALTER TABLE attendees ADD CONSTRAINT attendees_waitlist_position
  EXCLUDE USING btree (meeting_id WITH =, position WITH =) WHERE (status = 'waitlisted')
  DEFERRABLE INITIALLY DEFERRED;
