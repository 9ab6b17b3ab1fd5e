/**
 * Starts the Zoom emulator: an HTTP server that behaves like Zoom for everything the product
 * touches (docs/product.md §10, docs/zoom-facts.md). Imports nothing from the app. Returns a handle with its URL,
 * credentials, a typed control client, and close().
 */
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { EmulatorClock } from './clock.ts';
import type { Emulator, EmulatorOptions } from './context.ts';
import { controlRoutes } from './controlRoutes.ts';
import { FaultBox, type FaultSpec } from './faults.ts';
import {
  DEFAULT_SWITCHES,
  applyOptions,
  checkRuntimeOptions,
  currentOptions,
  type OptionsPatch,
  type RuntimeOptions,
} from './options.ts';
import { oauthRoutes, uninstall } from './oauthRoutes.ts';
import { findOverlaps, type Overlap } from './overlaps.ts';
import { DEFAULT_PER_SECOND, PerSecondLimiter, type PerSecondLimits } from './rateLimits.ts';
import { restRoutes } from './restRoutes.ts';
import { EmulatorState, type CallLogEntry, type EmulatedMeeting, type EmulatedUser } from './state.ts';
import { createUser, type NewUser } from './users.ts';
import { WebhookSender, type Delivery } from './webhookSender.ts';

export interface StartOptions extends Partial<EmulatorOptions> {
  port?: number;
  host?: string;
  webhookUrl?: string;
  perSecondLimits?: PerSecondLimits;
  /** Users to create at start; default: the three demo users below. Pass [] for none. */
  users?: NewUser[];
}

export const DEFAULT_USERS: NewUser[] = [
  { email: 'host@demo.ekosistem.app', type: 2, firstName: 'Hana', lastName: 'Host' },
  { email: 'basic@example.com', type: 1, firstName: 'Basil', lastName: 'Basic' },
  {
    email: 'noscope@example.com',
    type: 2,
    scopes: ['meeting:write:meeting', 'user:read:user'],
    firstName: 'Nora',
    lastName: 'Noscope',
  },
];

export interface ZoomEmulator {
  url: string;
  port: number;
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
  control: EmulatorControl;
  close(): Promise<void>;
}

/** In-process control: the same operations as the /_emulator HTTP API. */
export interface EmulatorControl {
  createUser(input: NewUser): EmulatedUser;
  users(): EmulatedUser[];
  userByEmail(email: string): EmulatedUser | undefined;
  meetings(include?: 'live' | 'deleted' | 'all'): EmulatedMeeting[];
  /** Moves a meeting's end, e.g. one that runs over while people are still in it (a DELETE before then → 3002). */
  setMeetingEnd(meetingId: number, endsAt: Date): void;
  /**
   * The host deletes a meeting in Zoom's own web portal, not through the API (not in the call log),
   * e.g. the stray meeting an ambiguous create left beside the record's (docs/product.md §4.6).
   */
  deleteMeeting(meetingId: number): void;
  calls(filter?: { operation?: string }): CallLogEntry[];
  clearCalls(): void;
  /**
   * Pairs of a user's live meetings whose [start_time, start_time + duration) intersect: Zoom
   * schedules them, a Basic or Pro host cannot run them (docs/zoom-facts.md §10.7).
   */
  overlaps(): Overlap[];
  /** Returns the fault's id, for removeFault. */
  addFault(spec: FaultSpec): number;
  /** Ends one fault, leaving the others (e.g. one endpoint recovers in the middle of an outage). */
  removeFault(id: number): void;
  clearFaults(): void;
  expireAccessToken(userId: string): void;
  setLatency(ms: number): void;
  now(): Date;
  advanceClock(seconds: number): Promise<Date>;
  setClock(at: Date): Promise<Date>;
  deauthorize(userId: string): Promise<void>;
  setWebhookUrl(url: string): void;
  deliveries(): Delivery[];
  /** Waits until every webhook attempt in flight has finished. */
  settleWebhooks(): Promise<void>;
  /** Requests still travelling to Zoom (in a latency or delay phase), by operation. */
  inTransit(): Record<string, number>;
  complianceNotices(): { at: string; body: Record<string, unknown> }[];
  setLimits(limits: { perSecond?: Partial<PerSecondLimits>; dailyMeetingCreateLimit?: number }): void;
  /** The runtime options in force (every switch, limits; no credentials). */
  options(): RuntimeOptions;
  /** Changes any runtime options at once (checked; throws naming each bad one); returns them all. */
  setOptions(patch: OptionsPatch): RuntimeOptions;
  /** Back to the seeded users and the options given at start; clears meetings, calls, faults, clock offset. */
  reset(): void;
}

export async function startZoomEmulator(options: StartOptions = {}): Promise<ZoomEmulator> {
  const clock = new EmulatorClock();
  const {
    port: _port,
    host: _host,
    webhookUrl: _webhookUrl,
    users: _users,
    clientId,
    clientSecret,
    webhookSecret,
    ...startSwitches
  } = options;
  // The start switches go through the same checks as setOptions (a typo fails loudly).
  const switches = {
    ...structuredClone(DEFAULT_SWITCHES),
    ...checkRuntimeOptions(Object.fromEntries(Object.entries(startSwitches).filter(([, v]) => v !== undefined))),
  };
  const { perSecondLimits: _limits, ...startEmulatorSwitches } = switches;
  const startPerSecond = structuredClone({ ...DEFAULT_PER_SECOND, ...(options.perSecondLimits ?? {}) });
  const emuOptions: EmulatorOptions = {
    clientId: clientId ?? 'emulator-client-id',
    clientSecret: clientSecret ?? `emu-secret-${randomBytes(12).toString('hex')}`,
    webhookSecret: webhookSecret ?? `emu-webhook-${randomBytes(12).toString('hex')}`,
    ...structuredClone(startEmulatorSwitches),
  };
  let baseUrl = '';
  const emu: Emulator = {
    options: emuOptions,
    state: new EmulatorState(),
    clock,
    faults: new FaultBox(),
    limiter: new PerSecondLimiter(startPerSecond),
    webhooks: new WebhookSender({
      url: options.webhookUrl,
      secret: emuOptions.webhookSecret,
      clientId: emuOptions.clientId,
      clock,
    }),
    latencyMs: 0,
    held: new Set(),
    inTransit: new Map(),
    baseUrl: () => baseUrl,
  };
  const seed = () => {
    for (const user of options.users ?? DEFAULT_USERS) createUser(emu, user);
  };
  const reset = () => {
    // Back to the options the emulator started with (switches, limits), then the seeded state.
    Object.assign(emu.options, structuredClone(startEmulatorSwitches));
    emu.limiter.reset(startPerSecond);
    emu.state.clear();
    emu.faults.clear();
    emu.latencyMs = 0;
    emu.clock.reset();
    emu.webhooks.dropPending();
    emu.webhooks.deliveries = [];
    seed();
  };
  seed();

  const app = new Hono();
  app.route('/', oauthRoutes(emu));
  app.route('/', restRoutes(emu));
  app.route('/', controlRoutes(emu, reset));
  app.notFound((c) =>
    c.json({ code: 404, message: 'Not Found (the emulator implements only what Ekosistem App uses).' }, 404),
  );
  // Never crash: anything unexpected is a Zoom-shaped 400, logged by status only.
  app.onError((error, c) => {
    const status = (error as { status?: number }).status;
    return c.json({ code: 300, message: status && status < 500 ? error.message : 'Bad Request.' }, 400);
  });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: options.host ?? '127.0.0.1' }, () =>
      resolve(s),
    );
    // A busy port is the caller's to report (e.g. a second `npm start` on the same machine).
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  // Webhook retries come due on the emulator's clock; in real time too when nobody moves it.
  const timer = setInterval(() => void emu.webhooks.runDue(), 1000);
  timer.unref();

  const control: EmulatorControl = {
    createUser: (input) => createUser(emu, input),
    users: () => [...emu.state.users.values()],
    userByEmail: (email) => emu.state.userByEmail(email),
    meetings: (include = 'live') =>
      [...emu.state.meetings.values()].filter((m) =>
        include === 'all' ? true : include === 'deleted' ? Boolean(m.deletedAt) : !m.deletedAt,
      ),
    setMeetingEnd: (meetingId, endsAt) => {
      const meeting = emu.state.meetings.get(meetingId);
      if (!meeting) throw new Error(`no meeting ${meetingId}`);
      meeting.endsAt = endsAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
    },
    deleteMeeting: (meetingId) => {
      const meeting = emu.state.meetings.get(meetingId);
      if (!meeting || meeting.deletedAt) throw new Error(`no live meeting ${meetingId}`);
      meeting.deletedAt = clock.now().toISOString();
    },
    calls: (filter = {}) => emu.state.calls.filter((c) => !filter.operation || c.operation === filter.operation),
    clearCalls: () => void (emu.state.calls = []),
    overlaps: () => findOverlaps(emu.state),
    addFault: (spec) => emu.faults.add(spec).id,
    removeFault: (id) => emu.faults.remove(id),
    clearFaults: () => emu.faults.clear(),
    expireAccessToken: (userId) => {
      const pair = emu.state.pairs.get(userId);
      if (pair) pair.accessExpiresAt = new Date(clock.now().getTime() - 1000);
    },
    setLatency: (ms) => void (emu.latencyMs = ms),
    now: () => clock.now(),
    advanceClock: async (seconds) => {
      clock.advance(seconds * 1000);
      await emu.webhooks.runDue();
      return clock.now();
    },
    setClock: async (at) => {
      clock.set(at);
      await emu.webhooks.runDue();
      return clock.now();
    },
    deauthorize: async (userId) => {
      const user = emu.state.users.get(userId);
      if (!user) throw new Error(`no emulated user ${userId}`);
      uninstall(emu, user);
      await emu.webhooks.settle();
    },
    setWebhookUrl: (url) => void (emu.webhooks.url = url),
    deliveries: () => emu.webhooks.deliveries,
    settleWebhooks: () => emu.webhooks.settle(),
    inTransit: () => Object.fromEntries([...emu.inTransit].filter(([, n]) => n > 0)),
    complianceNotices: () => emu.state.compliance,
    setLimits: (limits) => {
      if (limits.perSecond) emu.limiter.reset({ ...emu.limiter.limits, ...limits.perSecond });
      if (limits.dailyMeetingCreateLimit !== undefined)
        emu.options.dailyMeetingCreateLimit = limits.dailyMeetingCreateLimit;
    },
    options: () => currentOptions(emu),
    setOptions: (patch) => applyOptions(emu, patch),
    reset,
  };

  return {
    url: baseUrl,
    port,
    clientId: emuOptions.clientId,
    clientSecret: emuOptions.clientSecret,
    webhookSecret: emuOptions.webhookSecret,
    control,
    async close() {
      clearInterval(timer);
      for (const release of emu.held) release();
      emu.held.clear();
      emu.webhooks.dropPending();
      await emu.webhooks.settle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}
