/**
 * An app on a fresh test database, driven in process with `app.request()`, plus small helpers
 * that act as a browser (cookie jar, same-origin header, CSRF field) or as an API client.
 */
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Clock } from 'pg-boss';
import { startZoomEmulator, type StartOptions, type ZoomEmulator } from '../../zoom-emulator/startZoomEmulator.ts';
import { createTokenVault } from '../../src/integrations/zoom/tokenVault.ts';
import { createZoomIntegration, type ZoomIntegration } from '../../src/integrations/zoom/zoomIntegration.ts';
import { createZoomServices } from '../../src/integrations/zoom/zoomServices.ts';
import { parseConfig, type Config } from '../../src/config.ts';
import { createApp } from '../../src/app.ts';
import { createJobQueue, type JobQueue } from '../../src/jobs/jobQueue.ts';
import { createLogger } from '../../src/logger.ts';
import { noMeetingProvider, type MeetingProvider } from '../../src/meetings/provider.ts';
import { buildJobRegistry } from '../../src/worker.ts';
import { withJobDeps, type AppDeps } from '../../src/appDeps.ts';
import { createTestDatabase, type TestDatabase } from './testDatabase.ts';
import { and, desc, eq, like } from '../../src/db/orm.ts';
import type { Queries } from '../../src/db/client.ts';
import { mailMessages } from '../../src/db/schema.ts';
import { overlapsError } from './zoomOverlaps.ts';

export const BASE = 'http://localhost:3000';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  queue: JobQueue;
  testDb: TestDatabase;
  /** Every log line written, for secret scans. */
  logLines: string[];
  /** With `zoom: true`: the emulator the app is wired to, and the integration. */
  emulator: ZoomEmulator | undefined;
  zoom: ZoomIntegration | undefined;
  /** With `listen: true`: the app's real HTTP port (the emulator's webhooks arrive there). */
  port: number | undefined;
  /**
   * Stops everything, then fails if the app called Zoom outside docs/product.md §7 or left a host
   * with overlapping meetings at Zoom (docs/zoom-facts.md §10.7).
   */
  close(): Promise<void>;
}

/** Each test app's dependencies, so a `Client` made from `app` alone can read the app's mail. */
const depsOfApp = new WeakMap<object, AppDeps>();

export const TEST_KEY = { id: 'test1', key: Buffer.alloc(32, 42) };
/** Every test app serves /metrics to this bearer token (README: METRICS_TOKEN). */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';

export async function createTestApp(
  options: {
    env?: Record<string, string>;
    provider?: MeetingProvider;
    /** Wire Zoom to a fresh emulator (and its options). */
    zoom?: boolean | StartOptions;
    /** Serve the app on a real port (needed for webhooks from the emulator). */
    listen?: boolean;
    /** A pg-boss clock (TestClock) shared by the queue and the app's `now`. */
    clock?: Clock;
    testDb?: TestDatabase;
    /**
     * Wire Zoom to this running emulator instead of a fresh one (a second app instance over the
     * same database); the first instance owns it and closes it.
     */
    sharedEmulator?: ZoomEmulator;
  } = {},
): Promise<TestApp> {
  const testDb = options.testDb ?? (await createTestDatabase());
  const config: Config = parseConfig({
    APP_BASE_URL: BASE,
    LOG_LEVEL: 'info',
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    // Every request of `app.request()` comes from one client address ('unknown': no socket), so
    // the per-address sign-up mail limit would stop a suite's sign-ups; the suites about the mail
    // gate set their own limits.
    MAIL_QUOTA_PER_CLIENT_HOUR: '100000',
    ...options.env,
  });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const log = createLogger({ level: 'info', destination: sink });
  const queue = createJobQueue(testDb.database, log, options.clock ? { clock: options.clock } : {});
  const now = options.clock ? () => new Date(options.clock!.now()) : () => new Date();
  let deps: AppDeps = withJobDeps({
    config,
    database: testDb.database,
    queue,
    log,
    provider: options.provider ?? noMeetingProvider,
    now,
  });
  let emulator: ZoomEmulator | undefined;
  let zoom: ZoomIntegration | undefined;
  let extraJobs: ReturnType<typeof createZoomServices>['jobs'] = [];
  if (options.zoom || options.sharedEmulator) {
    emulator =
      options.sharedEmulator ??
      (await startZoomEmulator({
        redirectUris: [`${BASE}/integrations/zoom/callback`],
        ...(typeof options.zoom === 'object' ? options.zoom : {}),
      }));
    zoom = createZoomIntegration(
      config,
      createTokenVault([TEST_KEY]),
      {
        clientId: emulator.clientId,
        clientSecret: emulator.clientSecret,
        webhookSecret: emulator.webhookSecret,
        oauthBaseUrl: emulator.url,
        apiBaseUrl: emulator.url,
      },
      { now },
    );
    const services = createZoomServices({ db: testDb.database.db, queue, log, zoom, appBaseUrl: BASE });
    deps = withJobDeps({
      ...deps,
      zoom,
      provider: services.provider,
      onZoomConnected: services.onZoomConnected,
      onZoomDeauthorized: services.onZoomDeauthorized,
    });
    extraJobs = services.jobs;
  }
  await queue.start([...buildJobRegistry(deps), ...extraJobs], { work: false });
  const app = createApp(deps);
  depsOfApp.set(app, deps);
  let server: ServerType | undefined;
  let port: number | undefined;
  if (options.listen) {
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
    emulator?.control.setWebhookUrl(`http://127.0.0.1:${port}/integrations/zoom/webhook`);
  }
  return {
    app,
    deps,
    queue,
    testDb,
    logLines,
    emulator,
    zoom,
    port,
    async close() {
      if (options.sharedEmulator) emulator = undefined; // the instance that started it checks and closes it
      const outsideSpec = emulator ? operationsOutsideSpec(emulator) : [];
      const overlaps = emulator?.control.overlaps() ?? [];
      await emulator?.close();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await queue.stop();
      if (!options.testDb) await testDb.close();
      if (outsideSpec.length)
        throw new Error(`the app called Zoom operations outside docs/product.md §7: ${outsideSpec.join(', ')}`);
      const overlapping = overlapsError(overlaps);
      if (overlapping) throw overlapping;
    },
  };
}

/**
 * docs/product.md §7: the only Zoom operations the product may use (the first two are the person's browser
 * on Zoom's consent page). Every test app checks its emulator's call log against this when it
 * closes, so the whole suite proves the client calls nothing else.
 */
export const SPEC_ZOOM_OPERATIONS = new Set([
  'oauth.authorize',
  'oauth.authorize.decision',
  'oauth.token.authorization_code',
  'oauth.token.refresh_token',
  'oauth.revoke',
  'oauth.data_compliance',
  'users.me',
  'meetings.create',
  'meetings.delete',
]);

function operationsOutsideSpec(emulator: ZoomEmulator): string[] {
  return [...new Set(emulator.control.calls().map((c) => c.operation))].filter((op) => !SPEC_ZOOM_OPERATIONS.has(op));
}

/**
 * Connects the client's user to Zoom the way a browser does: /integrations/zoom/connect →
 * the emulator's sign-in form (as `email`) → back to the callback. Returns the callback response.
 */
export async function connectZoom(
  client: Client,
  emulator: ZoomEmulator,
  email = 'host@demo.ekosistem.app',
  decision = 'authorize',
): Promise<Response> {
  const start = await client.get('/integrations/zoom/connect');
  if (start.status !== 302) throw new Error(`connect answered ${start.status}: ${await start.text()}`);
  const authorizeUrl = new URL(start.headers.get('location')!);
  const form = new URLSearchParams(authorizeUrl.searchParams);
  form.set('email', email);
  form.set('decision', decision);
  const consent = await fetch(`${emulator.url}/oauth/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  const callback = new URL(consent.headers.get('location')!);
  return client.get(`${callback.pathname}${callback.search}`);
}

/** A client with a cookie jar. `api()` sends same-origin JSON; `form()` posts like a browser form. */
export class Client {
  readonly cookies = new Map<string, string>();
  readonly app: TestApp['app'];
  constructor(app: TestApp['app']) {
    this.app = app;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    const response = await this.app.request(`${BASE}${path}`, { ...init, headers, redirect: 'manual' });
    this.remember(response);
    return response;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  /** JSON request from the app's own origin (as the browser's fetch would send it). */
  api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, {
      method,
      headers: { origin: BASE, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** Posts an HTML form with the CSRF token read from `fromPage` (or given explicitly). */
  async form(path: string, fields: Record<string, string>, csrf?: string): Promise<Response> {
    const token = csrf ?? (await this.csrfToken());
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, ...fields }).toString(),
    });
  }

  /** Reads the CSRF token from a page's form, the way a browser would carry it. */
  async csrfToken(page = '/signin'): Promise<string> {
    const html = await (await this.get(page)).text();
    const match = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!match?.[1]) throw new Error(`no CSRF field on ${page}`);
    return match[1];
  }

  /**
   * Signs up the way a person does (docs/product.md §2): the API sign-up, the token from the confirmation
   * mail in the app's database, then `POST /api/auth/confirm` with the password and name chosen
   * there, which signs this client in.
   */
  async signUp(name: string, email: string, password = 'correct horse battery'): Promise<{ id: string }> {
    const response = await this.api('POST', '/api/auth/signup', { name, email });
    if (response.status !== 202) throw new Error(`signup failed: ${response.status} ${await response.text()}`);
    const deps = depsOfApp.get(this.app);
    if (!deps) throw new Error('Client.signUp needs an app made by createTestApp');
    const token = await latestConfirmationToken(deps.database.db, email);
    if (!token) throw new Error(`no confirmation mail to ${email} (an existing account, or the sign-up mail cap?)`);
    const confirm = await this.api('POST', '/api/auth/confirm', { token, password, name });
    if (confirm.status !== 201) throw new Error(`confirm failed: ${confirm.status} ${await confirm.text()}`);
    return ((await confirm.json()) as { user: { id: string } }).user;
  }
}

/** The token of a password-reset link in a mail body (text or HTML), if there is one. */
export function resetTokenIn(body: string): string | undefined {
  return /\/password-reset\?token=([A-Za-z0-9_-]+)/.exec(body)?.[1];
}

/** The token of a confirmation link in a mail body (text or HTML), if there is one. */
export function confirmationTokenIn(body: string): string | undefined {
  return /\/signup\/confirm\?token=([A-Za-z0-9_-]+)/.exec(body)?.[1];
}

/** The token of the newest sign-up confirmation mailed to `email` (stored, sent or not). */
export async function latestConfirmationToken(db: Queries, email: string): Promise<string | undefined> {
  const [mail] = await db
    .select({ text: mailMessages.textBody })
    .from(mailMessages)
    .where(
      and(
        eq(mailMessages.toAddress, email.trim().toLowerCase()),
        like(mailMessages.textBody, '%/signup/confirm?token=%'),
      ),
    )
    .orderBy(desc(mailMessages.createdAt))
    .limit(1);
  return mail ? confirmationTokenIn(mail.text) : undefined;
}

/** A start time `days` from now, whole minutes, as ISO. */
export function future(days = 7, hourUtc = 9): string {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString();
}

let distinctCalls = 0;
/**
 * `future(days, hourUtc)` moved on by 3 more hours at each call in the process, for records of one
 * host made one after another: a host's live records never overlap (docs/product.md §12.1).
 */
export function distinctFuture(days = 7, hourUtc = 9): string {
  return new Date(Date.parse(future(days, hourUtc)) + ++distinctCalls * 3 * 3_600_000).toISOString();
}

/** GET /metrics as Prometheus would, with the test bearer token. */
export async function readMetrics(client: Client): Promise<string> {
  const response = await client.request('/metrics', { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } });
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return response.text();
}
