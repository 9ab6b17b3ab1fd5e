/**
 * The soak's people, made the way real people are: an admin signs up and creates the ecosystem;
 * each host signs up with a confirmed email, accepts the admin's invitation and connects their own
 * (emulated) Zoom user — all through the load balancer's public URL.
 */
import { expectJson, HttpClient, type ConnectedHost } from '../../helpers/httpClient.ts';
import type { SmtpSink } from '../../helpers/smtpSink.ts';
import type { ZoomEmulator } from '../../../zoom-emulator/startZoomEmulator.ts';

export type Host = ConnectedHost;

export interface People {
  ecosystemId: string;
  admin: HttpClient;
  hosts: Host[];
}

const PASSWORD = 'a long soak password';

export async function signUpPerson(
  base: string,
  smtp: SmtpSink,
  name: string,
  email: string,
): Promise<{ client: HttpClient; userId: string }> {
  const client = new HttpClient(base);
  const confirmed = await client.signUp({ name, email, password: PASSWORD }, { smtp });
  if (confirmed.status !== 200 && confirmed.status !== 201)
    throw new Error(`sign-up of ${email}: ${confirmed.status} ${await confirmed.text()}`);
  const me = await expectJson<{ user: { id: string } }>(await client.api('GET', '/api/me'), 'GET /api/me', 200);
  return { client, userId: me.user.id };
}

export async function makePeople(options: {
  base: string;
  smtp: SmtpSink;
  emulator: ZoomEmulator;
  hosts: number;
  log: (line: string) => void;
}): Promise<People> {
  const { base, smtp, emulator } = options;
  const admin = await signUpPerson(base, smtp, 'Soak Admin', 'admin@soak.example');
  const ecosystem = await expectJson<{ id: string }>(
    await admin.client.api('POST', '/api/ecosystems', { name: 'Chaos soak' }),
    'create ecosystem',
    201,
  );
  const hosts: Host[] = [];
  const one = async (index: number) => {
    const email = `host${index}@soak.example`;
    const person = await signUpPerson(base, smtp, `Host ${index}`, email);
    const invited = await expectJson<{ id: string }>(
      await admin.client.api('POST', `/api/ecosystems/${ecosystem.id}/members`, { email, role: 'host' }),
      `invite ${email}`,
      201,
    );
    await expectJson(await person.client.api('POST', `/api/invitations/${invited.id}/accept`), `accept ${email}`, 200);
    const zoomEmail = `zoom${index}@soak.example`;
    const connected = await person.client.connectZoom(emulator.url, zoomEmail);
    if (connected.status !== 200)
      throw new Error(`connect Zoom for ${email}: ${connected.status} ${(await connected.text()).slice(0, 300)}`);
    const zoomUser = emulator.control.userByEmail(zoomEmail);
    if (!zoomUser) throw new Error(`the emulator has no user ${zoomEmail}`);
    hosts.push({ index, userId: person.userId, email, zoomEmail, zoomUserId: zoomUser.id, client: person.client });
  };
  // A few at a time: sign-up hashes passwords with a memory-hard KDF.
  for (let i = 0; i < options.hosts; i += 4) {
    await Promise.all(Array.from({ length: Math.min(4, options.hosts - i) }, (_, k) => one(i + k)));
    options.log(`  hosts ready: ${Math.min(i + 4, options.hosts)}/${options.hosts}`);
  }
  hosts.sort((a, b) => a.index - b.index);
  return { ecosystemId: ecosystem.id, admin: admin.client, hosts };
}
