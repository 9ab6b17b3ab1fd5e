/**
 * Embedded-mode demo data: one ecosystem with an admin, a host and a member, so a newcomer can
 * sign in at once. Idempotent: an existing demo user is left as it is.
 */
import { eq, inArray } from '../db/orm.ts';
import type { Config } from '../config.ts';
import type { Queries, Db } from '../db/client.ts';
import { ecosystems, memberships, users, type Role } from '../db/schema.ts';
import { createAccount } from '../auth/accounts.ts';
import { verifyPassword } from '../auth/passwordHashing.ts';
import { createEcosystem } from '../ecosystems/ecosystems.ts';

export const DEMO_PASSWORD = 'lets-meet-demo';
export const DEMO_USERS: { name: string; email: string; role: Role }[] = [
  { name: 'Ada Admin', email: 'admin@demo.ekosistem.app', role: 'admin' },
  { name: 'Hana Host', email: 'host@demo.ekosistem.app', role: 'host' },
  { name: 'Mika Member', email: 'member@demo.ekosistem.app', role: 'member' },
];
export const DEMO_ECOSYSTEM = 'Demo Accelerator';

/** Demo data only in emulator mode on the embedded database (docs/product.md §8). */
export function demoAllowed(config: Config): boolean {
  return config.zoom.emulatorMode && !config.databaseUrl;
}

/** The local mailbox (/dev/mailbox) only in emulator mode, and only while mail is not sent by SMTP (docs/product.md §8). */
export function mailboxAllowed(config: Config): boolean {
  return config.zoom.emulatorMode && !config.smtpUrl;
}

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

/** Stored instead of a hash: no password verifies against it (src/auth/passwordHashing.ts). */
export const DISABLED_PASSWORD_HASH = 'disabled$demo-user-outside-emulator-mode';

/**
 * Outside emulator mode, a demo user left from an earlier emulator-mode run on the same database
 * must not keep the published password: its sign-in is switched off (the rows stay, with what they
 * own). A demo user whose password was changed is left alone. Returns the emails switched off.
 */
export async function disableDemoLogins(db: Queries): Promise<string[]> {
  const rows = await db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(
      inArray(
        users.email,
        DEMO_USERS.map((u) => u.email),
      ),
    );
  const disabled: string[] = [];
  for (const row of rows) {
    if (!(await verifyPassword(DEMO_PASSWORD, row.passwordHash))) continue;
    await db.update(users).set({ passwordHash: DISABLED_PASSWORD_HASH }).where(eq(users.id, row.id));
    disabled.push(row.email);
  }
  return disabled;
}
