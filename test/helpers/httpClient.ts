import pg from 'pg';
import type { SmtpSink } from './smtpSink.ts';

/** A tiny browser-like HTTP client for a real listening app: a cookie jar and same-origin JSON. */
export class HttpClient {
  readonly base: string;
  readonly cookies = new Map<string, string>();
  constructor(base: string) {
    this.base = base;
  }

  async request(pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.base}${pathOrUrl}`;
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return response;
  }

  api(method: string, path: string, body?: unknown): Promise<Response> {
    return this.request(path, {
      method,
      headers: {
        origin: new URL(this.base).origin,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /**
   * Signs up as a person does (docs/product.md §2): the API sign-up, the link's token from the confirmation
   * mail, then `POST /api/auth/confirm` with the password and name, which signs this client in.
   * The mail is read from the SMTP sink the app sends to when `smtp` is given (waiting for the mail
   * job to deliver it: a delivered message's stored copy no longer carries the token), else from
   * the app's PostgreSQL database when `databaseUrl` is given (mail not sent yet), else from its
   * `/dev/mailbox` (emulator mode without SMTP). Returns the confirm response.
   */
  async signUp(
    input: { name: string; email: string; password: string },
    mail: { databaseUrl?: string | undefined; smtp?: SmtpSink | undefined } = {},
  ): Promise<Response> {
    const started = await this.api('POST', '/api/auth/signup', { name: input.name, email: input.email });
    if (started.status !== 202) throw new Error(`signup answered ${started.status}: ${await started.text()}`);
    const email = input.email.trim().toLowerCase();
    const tokenIn = (bodies: string[]) =>
      bodies.map((body) => /\/signup\/confirm\?token=([A-Za-z0-9_-]+)/.exec(body)?.[1]).find(Boolean);
    const token = mail.smtp
      ? await waitFor(
          `the confirmation mail to ${email}`,
          async () => tokenIn(mail.smtp!.messages.filter((m) => m.to.includes(email)).map((m) => m.source)),
          30_000,
          50,
        )
      : mail.databaseUrl
        ? tokenIn(await mailBodiesFromDatabase(mail.databaseUrl, email))
        : tokenIn(await this.mailBodiesFromMailbox(email));
    if (!token) throw new Error(`no confirmation mail to ${email}`);
    return this.api('POST', '/api/auth/confirm', { token, password: input.password, name: input.name });
  }

  /** Text bodies of the mail to `email`, newest first, from the app's /dev/mailbox. */
  private async mailBodiesFromMailbox(email: string): Promise<string[]> {
    const response = await fetch(`${this.base}/dev/mailbox/messages.json`);
    if (response.status !== 200)
      throw new Error(`/dev/mailbox answered ${response.status}: pass the databaseUrl to read the confirmation mail`);
    const { items } = (await response.json()) as { items: { to: string; text: string }[] };
    return items.filter((m) => m.to === email).map((m) => m.text);
  }

  /** Connect → the emulator's consent form (as `email`) → callback, like a browser. */
  async connectZoom(emulatorUrl: string, email: string): Promise<Response> {
    const start = await this.request('/integrations/zoom/connect');
    const authorize = new URL(start.headers.get('location')!);
    const form = new URLSearchParams(authorize.searchParams);
    form.set('email', email);
    form.set('decision', 'authorize');
    const consent = await fetch(`${emulatorUrl}/oauth/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    return this.request(consent.headers.get('location')!);
  }
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 250,
  /** What to print when time is up (the state that never became right). */
  explain?: () => Promise<string>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${explain ? `\n${await explain()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Text bodies of the mail to `email`, newest first, read from the app's PostgreSQL database. */
async function mailBodiesFromDatabase(databaseUrl: string, email: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ text_body: string }>(
      'SELECT text_body FROM mail_messages WHERE to_address = $1 ORDER BY created_at DESC',
      [email],
    );
    return rows.map((r) => r.text_body);
  } finally {
    await client.end();
  }
}

/** A host who signed up and connected their own (emulated) Zoom user: the soak's and the bench's people. */
export interface ConnectedHost {
  index: number;
  userId: string;
  email: string;
  zoomEmail: string;
  zoomUserId: string;
  client: HttpClient;
}

/** The JSON body of `response`, which must have `status`; otherwise an error naming `what`. */
export async function expectJson<T>(response: Response, what: string, status: number): Promise<T> {
  const text = await response.text();
  if (response.status !== status)
    throw new Error(`${what}: expected ${status}, got ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
