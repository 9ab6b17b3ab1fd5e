/**
 * A separate process that makes N concurrent Zoom calls for one host through the app's token path
 * (locked refresh). Used to prove that two processes refresh a dead token exactly once.
 * Protocol: prints `ready`, waits for `go` on stdin, prints one JSON line with the results.
 */
import { createInterface } from 'node:readline';
import { openPostgres } from '../../src/db/client.ts';
import { parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createTokenVault } from '../../src/integrations/zoom/tokenVault.ts';
import { createZoomIntegration } from '../../src/integrations/zoom/zoomIntegration.ts';
import { withZoomAccessToken } from '../../src/integrations/zoom/zoomAccessToken.ts';
import { getCurrentUser } from '../../src/zoom/users.ts';

const env = process.env;
const database = openPostgres(env.DATABASE_URL!, { max: 20 });
const config = parseConfig({
  APP_BASE_URL: 'http://localhost:3000',
  DATABASE_URL: env.DATABASE_URL!,
  TOKEN_ENCRYPTION_KEYS: env.TOKEN_ENCRYPTION_KEYS!,
});
const vault = createTokenVault(config.tokenEncryptionKeys!);
const zoom = createZoomIntegration(config, vault, {
  clientId: env.ZOOM_CLIENT_ID!,
  clientSecret: env.ZOOM_CLIENT_SECRET!,
  webhookSecret: 'unused',
  oauthBaseUrl: env.ZOOM_URL!,
  apiBaseUrl: env.ZOOM_URL!,
});
const deps = { db: database.db, zoom, log: createLogger({ level: 'silent' }) };
const count = Number(env.CALLS ?? 50);

process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  const results = await Promise.allSettled(
    Array.from({ length: count }, () =>
      withZoomAccessToken(deps, env.USER_ID!, (token) => getCurrentUser(zoom.api, token)),
    ),
  );
  const failures = results
    .filter((r) => r.status === 'rejected')
    .map((r) => String((r as PromiseRejectedResult).reason));
  process.stdout.write(`${JSON.stringify({ ok: results.length - failures.length, failures: failures.slice(0, 3) })}\n`);
  break;
}
await database.close();
process.exit(0);
