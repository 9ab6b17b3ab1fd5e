/**
 * `npm run zoom-emulator`: the emulator on its own. Point any Zoom client at the printed URL
 * (OAuth host and REST host are the same server).
 */
import { startZoomEmulator } from './startZoomEmulator.ts';

const env = process.env;
const emulator = await startZoomEmulator({
  port: Number(env.ZOOM_EMULATOR_PORT ?? 4010),
  host: env.ZOOM_EMULATOR_HOST ?? '127.0.0.1',
  ...(env.ZOOM_EMULATOR_CLIENT_ID ? { clientId: env.ZOOM_EMULATOR_CLIENT_ID } : {}),
  clientSecret: env.ZOOM_EMULATOR_CLIENT_SECRET ?? 'emulator-client-secret',
  webhookSecret: env.ZOOM_EMULATOR_WEBHOOK_SECRET ?? 'emulator-webhook-secret',
  redirectUris: (env.ZOOM_EMULATOR_REDIRECT_URIS ?? 'http://localhost:3000/integrations/zoom/callback')
    .split(',')
    .map((u) => u.trim()),
  ...(env.ZOOM_EMULATOR_WEBHOOK_URL ? { webhookUrl: env.ZOOM_EMULATOR_WEBHOOK_URL } : {}),
});
process.stdout.write(
  [
    `Zoom emulator listening at ${emulator.url}`,
    `  OAuth:          ${emulator.url}/oauth/authorize, /oauth/token, /oauth/revoke`,
    `  REST:           ${emulator.url}/v2`,
    `  Control API:    ${emulator.url}/_emulator`,
    `  client id:      ${emulator.clientId}`,
    `  client secret:  ${emulator.clientSecret}`,
    `  webhook secret: ${emulator.webhookSecret}`,
    `  webhook URL:    ${env.ZOOM_EMULATOR_WEBHOOK_URL ?? '(none; PUT /_emulator/webhooks/url)'}`,
    '  users:',
    ...emulator.control
      .users()
      .map((u) => `    ${u.email}  (${u.type === 1 ? 'Basic' : 'Licensed'}; ${u.scopes.join(' ')})`),
    '',
  ].join('\n'),
);
const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
