-- Zoom connection per user (SPEC §3). Keeps only what SPEC §7 allows: Zoom user id, account id,
-- email, plan type, sealed tokens, token expiry, granted scopes. No row = not_connected.
CREATE TABLE zoom_connections (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('connected', 'needs_reconnect', 'deauthorized')),
  zoom_user_id text,                     -- null once a deauthorization has been fully handled
  zoom_account_id text,
  zoom_email text,
  plan_type integer,
  scopes text NOT NULL DEFAULT '',       -- space-separated, as Zoom grants them
  access_token_sealed text,              -- AES-256-GCM, see src/integrations/zoom/tokenVault.ts
  refresh_token_sealed text,
  access_token_expires_at timestamptz,
  token_generation integer NOT NULL DEFAULT 0,  -- bumped by every refresh (diagnostics, tests)
  connected_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((access_token_sealed IS NULL) = (refresh_token_sealed IS NULL))
);
CREATE INDEX zoom_connections_zoom_user ON zoom_connections(zoom_user_id);

-- One-time OAuth states (SPEC §3.1): bound to the session that started the connect, expire after
-- 10 minutes, consumed on first use. The PKCE verifier is sealed like tokens.
CREATE TABLE zoom_oauth_states (
  state_hash text PRIMARY KEY,           -- SHA-256 of the state sent to Zoom
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  session_id text NOT NULL,              -- the session's token hash
  code_verifier_sealed text NOT NULL,
  return_to text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX zoom_oauth_states_user ON zoom_oauth_states(user_id);
