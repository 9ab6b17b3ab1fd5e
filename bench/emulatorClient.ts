/**
 * The bench's view of the Zoom emulator process: its control API over HTTP (docs/zoom-emulator.md),
 * and a Zoom access token of its own obtained through the emulator's OAuth flow, for the bare
 * create calls the app's creates are compared with.
 */
import type { Overlap } from '../zoom-emulator/overlaps.ts';

export interface CallEntry {
  seq: number;
  at: string;
  status: number;
  path: string;
  operation: string;
  userId?: string;
  meetingId?: string;
  fault?: string;
}

export interface MeetingEntry {
  id: number;
  hostId: string;
  topic: string;
  /** Scheduled start (ISO) and minutes; absent for instant meetings. */
  startTime?: string;
  duration?: number;
  deletedAt?: string;
}

export class EmulatorClient {
  readonly url: string;
  readonly #clientId: string;
  readonly #clientSecret: string;
  constructor(url: string, clientId: string, clientSecret: string) {
    this.url = url;
    this.#clientId = clientId;
    this.#clientSecret = clientSecret;
  }

  async #json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`emulator ${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** Per-second limits by plan, and the per-user daily create limit. */
  setLimits(limits: {
    perSecond?: Record<string, { light: number; medium: number; heavy: number }>;
    dailyMeetingCreateLimit?: number;
  }) {
    return this.#json('POST', '/_emulator/limits', limits);
  }
  setLatency(ms: number) {
    return this.#json('POST', '/_emulator/latency', { ms });
  }
  createUser(input: { email: string; type?: number; plan?: 'free' | 'pro' | 'business' }) {
    return this.#json<{ id: string; accountId: string; email: string }>('POST', '/_emulator/users', input);
  }
  async userByEmail(email: string) {
    const { items } = await this.#json<{ items: { id: string; email: string }[] }>('GET', '/_emulator/users');
    return items.find((u) => u.email === email);
  }
  async calls(filter: { operation?: string; since?: number } = {}): Promise<CallEntry[]> {
    const query = new URLSearchParams();
    if (filter.operation) query.set('operation', filter.operation);
    if (filter.since) query.set('since', String(filter.since));
    return (await this.#json<{ items: CallEntry[] }>('GET', `/_emulator/calls?${query}`)).items;
  }
  /** The sequence number of the last logged call (0 when none): a marker for `calls({since})`. */
  async lastSeq(): Promise<number> {
    const items = await this.calls();
    return items.at(-1)?.seq ?? 0;
  }
  async meetings(include: 'live' | 'deleted' | 'all' = 'live'): Promise<MeetingEntry[]> {
    return (await this.#json<{ items: MeetingEntry[] }>('GET', `/_emulator/meetings?include=${include}`)).items;
  }
  /** Pairs of one host's live meetings whose times overlap (docs/zoom-facts.md §10.7). */
  async overlaps(): Promise<Overlap[]> {
    return (await this.#json<{ items: Overlap[] }>('GET', '/_emulator/overlaps')).items;
  }
  addFault(spec: Record<string, unknown>) {
    return this.#json<{ id: number }>('POST', '/_emulator/faults', spec);
  }
  clearFaults() {
    return this.#json('DELETE', '/_emulator/faults');
  }
  expireAccessToken(userId: string) {
    return this.#json('POST', `/_emulator/users/${encodeURIComponent(userId)}/expire-token`);
  }

  /**
   * An access token for `email` through the emulator's own OAuth flow (authorize → code → token),
   * as any Zoom client gets one. Use a Zoom user the app does not hold: a grant ends the user's
   * previous token pair.
   */
  async accessToken(email: string, redirectUri: string): Promise<string> {
    const form = new URLSearchParams({
      response_type: 'code',
      client_id: this.#clientId,
      redirect_uri: redirectUri,
      state: 'bench',
      email,
      decision: 'authorize',
    });
    const consent = await fetch(`${this.url}/oauth/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const code = new URL(consent.headers.get('location') ?? 'http://x/').searchParams.get('code');
    if (!code) throw new Error(`emulator authorize answered ${consent.status} without a code`);
    const token = await fetch(`${this.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${this.#clientId}:${this.#clientSecret}`).toString('base64')}`,
      },
    });
    const body = (await token.json()) as { access_token?: string };
    if (!body.access_token)
      throw new Error(`emulator token endpoint answered ${token.status}: ${JSON.stringify(body)}`);
    return body.access_token;
  }
}
