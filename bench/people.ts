/**
 * The bench's people: one admin host (host 0) who owns every ecosystem, and more hosts who are
 * invited to the ecosystems that need them. Each signs up through the API (the confirmation mail
 * is read from the SMTP sink), and connects their own emulated Zoom user, created beforehand on
 * its own account with the plan the bench chooses. Members (R9) sign up the same way, without Zoom.
 */
import { expectJson, HttpClient, type ConnectedHost } from '../test/helpers/httpClient.ts';
import type { SmtpSink } from '../test/helpers/smtpSink.ts';
import type { EmulatorClient } from './emulatorClient.ts';

export type BenchHost = ConnectedHost;

const PASSWORD = 'a long bench password';

export async function makeHosts(options: {
  base: string;
  smtp: SmtpSink;
  emulator: EmulatorClient;
  count: number;
  /** The first host's index (emails host<index>@…): a part's own hosts start past the shared ones. */
  first?: number;
  log: (line: string) => void;
}): Promise<BenchHost[]> {
  const hosts: BenchHost[] = [];
  const first = options.first ?? 0;
  const one = async (index: number) => {
    const email = `host${index}@bench.example`;
    const zoomEmail = `zoom${index}@bench.example`;
    // Its own account (random account id) on the Free plan: P2 sets that plan's per-second limits.
    const zoomUser = await options.emulator.createUser({ email: zoomEmail, type: 2, plan: 'free' });
    const client = new HttpClient(options.base);
    const confirmed = await client.signUp(
      { name: `Bench Host ${index}`, email, password: PASSWORD },
      { smtp: options.smtp },
    );
    if (confirmed.status !== 200 && confirmed.status !== 201)
      throw new Error(`sign-up of ${email}: ${confirmed.status} ${await confirmed.text()}`);
    const me = await expectJson<{ user: { id: string } }>(await client.api('GET', '/api/me'), 'GET /api/me', 200);
    const connected = await client.connectZoom(options.emulator.url, zoomEmail);
    if (connected.status !== 200)
      throw new Error(`connect Zoom for ${email}: ${connected.status} ${(await connected.text()).slice(0, 300)}`);
    hosts.push({ index, userId: me.user.id, email, zoomEmail, zoomUserId: zoomUser.id, client });
  };
  // A few at a time: sign-up hashes passwords with a memory-hard KDF.
  for (let i = 0; i < options.count; i += 4) {
    await Promise.all(Array.from({ length: Math.min(4, options.count - i) }, (_, k) => one(first + i + k)));
    options.log(`  hosts ready: ${Math.min(i + 4, options.count)}/${options.count}`);
  }
  return hosts.sort((a, b) => a.index - b.index);
}

/** An ecosystem owned by `admin`, with `members` invited as hosts and accepted. */
export async function makeEcosystem(admin: BenchHost, name: string, members: BenchHost[]): Promise<string> {
  const { id } = await expectJson<{ id: string }>(
    await admin.client.api('POST', '/api/ecosystems', { name }),
    `create ecosystem ${name}`,
    201,
  );
  for (const host of members) {
    if (host === admin) continue;
    const invited = await expectJson<{ id: string }>(
      await admin.client.api('POST', `/api/ecosystems/${id}/members`, { email: host.email, role: 'host' }),
      `invite ${host.email}`,
      201,
    );
    await expectJson(
      await host.client.api('POST', `/api/invitations/${invited.id}/accept`),
      `accept ${host.email}`,
      200,
    );
  }
  return id;
}

/** A member of one ecosystem, signed in on its own client. */
export interface BenchMember {
  index: number;
  email: string;
  client: HttpClient;
}

/**
 * `count` people who sign up through the API and join `ecosystemId` as members (invited by
 * `admin`, accepted). Eight at a time: each confirmation hashes a password (two at once in the app).
 */
export async function makeMembers(options: {
  base: string;
  smtp: SmtpSink;
  admin: BenchHost;
  ecosystemId: string;
  count: number;
  log: (line: string) => void;
}): Promise<BenchMember[]> {
  const members: BenchMember[] = [];
  let next = 0;
  let ready = 0;
  const one = async (index: number) => {
    const email = `member${index}@bench.example`;
    const client = new HttpClient(options.base);
    const confirmed = await client.signUp(
      { name: `Bench Member ${index}`, email, password: PASSWORD },
      { smtp: options.smtp },
    );
    if (confirmed.status !== 200 && confirmed.status !== 201)
      throw new Error(`sign-up of ${email}: ${confirmed.status} ${await confirmed.text()}`);
    const invited = await expectJson<{ id: string }>(
      await options.admin.client.api('POST', `/api/ecosystems/${options.ecosystemId}/members`, {
        email,
        role: 'member',
      }),
      `invite ${email}`,
      201,
    );
    await expectJson(await client.api('POST', `/api/invitations/${invited.id}/accept`), `accept ${email}`, 200);
    members.push({ index, email, client });
    if (++ready % 25 === 0 || ready === options.count) options.log(`  members ready: ${ready}/${options.count}`);
  };
  await Promise.all(
    Array.from({ length: Math.min(8, options.count) }, async () => {
      while (next < options.count) await one(next++);
    }),
  );
  return members.sort((a, b) => a.index - b.index);
}
