/**
 * Embedded-mode demo data: one ecosystem with an admin, a host and a member, so a newcomer can
 * sign in at once. Idempotent: an existing demo user is left as it is.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ecosystems, memberships, users, type Role } from '../db/schema.ts';
import { createAccount } from '../auth/accounts.ts';
import { createEcosystem } from '../ecosystems/ecosystems.ts';

export const DEMO_PASSWORD = 'lets-meet-demo';
export const DEMO_USERS: { name: string; email: string; role: Role }[] = [
  { name: 'Ada Admin', email: 'admin@demo.ekosistem.app', role: 'admin' },
  { name: 'Hana Host', email: 'host@demo.ekosistem.app', role: 'host' },
  { name: 'Mika Member', email: 'member@demo.ekosistem.app', role: 'member' },
];
export const DEMO_ECOSYSTEM = 'Demo Accelerator';

export async function seedDemo(db: Db): Promise<{ created: boolean; ecosystemId: string }> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USERS[0]!.email));
  if (existing) {
    const [eco] = await db.select({ id: ecosystems.id }).from(ecosystems).where(eq(ecosystems.createdBy, existing.id));
    return { created: false, ecosystemId: eco?.id ?? '' };
  }
  const ids: string[] = [];
  for (const person of DEMO_USERS) {
    ids.push((await createAccount(db, { name: person.name, email: person.email, password: DEMO_PASSWORD })).id);
  }
  const eco = await createEcosystem(db, ids[0]!, DEMO_ECOSYSTEM);
  for (const [index, person] of DEMO_USERS.entries()) {
    if (index === 0) continue;
    await db.insert(memberships).values({ ecosystemId: eco.id, userId: ids[index]!, role: person.role });
  }
  return { created: true, ecosystemId: eco.id };
}
