-- Webhook deliveries already accepted (SPEC §5): a (timestamp, signature) seen before is a replay.
-- Rows older than the 5-minute window are useless and purged as new deliveries arrive.
CREATE TABLE zoom_webhook_receipts (
  delivery_hash text PRIMARY KEY,        -- SHA-256 of timestamp + signature
  received_at timestamptz NOT NULL
);
CREATE INDEX zoom_webhook_receipts_received ON zoom_webhook_receipts(received_at);

-- Deauthorizations and their data-compliance notice (SPEC §5, §6). The event payload is kept
-- only until the notice has been sent (or skipped), then cleared with the Zoom identity.
CREATE TABLE zoom_deauthorizations (
  id uuid PRIMARY KEY,
  zoom_user_ref text NOT NULL,           -- short hash of the Zoom user id, for ops correlation
  zoom_user_id text,                     -- cleared after the notice
  zoom_account_id text,                  -- cleared after the notice
  event_payload jsonb,                   -- cleared after the notice
  deauthorized_at timestamptz NOT NULL,  -- Zoom's deauthorization_time
  received_at timestamptz NOT NULL,
  deadline_at timestamptz NOT NULL,      -- received_at + 10 days
  notice_status text NOT NULL CHECK (notice_status IN ('pending', 'sent', 'skipped')),
  notice_attempts integer NOT NULL DEFAULT 0,
  notice_last_error text,
  notice_sent_at timestamptz,
  alerted_at timestamptz,                -- the day-8 alert fired
  affected_users integer NOT NULL DEFAULT 0,
  UNIQUE (zoom_user_ref, deauthorized_at)
);
