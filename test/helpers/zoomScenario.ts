/**
 * A signed-in host connected to the emulated Zoom, an ecosystem, and helpers to create records and
 * to drive jobs and clocks until work settles — for the Zoom meeting suites.
 */
import { TestClock } from 'pg-boss';
import { and, eq, inArray } from '../../src/db/orm.ts';
import { mailMessages, meetings } from '../../src/db/schema.ts';
import { Client, connectZoom, createTestApp, distinctFuture, type TestApp } from './testApp.ts';
import type { StartOptions } from '../../zoom-emulator/startZoomEmulator.ts';

export interface Scenario {
  t: TestApp;
  clock: TestClock;
  host: Client;
  hostId: string;
  ecosystemId: string;
  /** Moves the app's (and pg-boss's) clock and the emulator's clock together. */
  advance(ms: number): Promise<void>;
  /** Runs due jobs, moving time forward in steps while Zoom work is unfinished (bounded). */
  settle(options?: { stepMs?: number; maxSteps?: number }): Promise<void>;
  createZoomRecord(body?: Record<string, unknown>): Promise<MeetingJson>;
  mailTo(email: string): Promise<(typeof mailMessages.$inferSelect)[]>;
}

export interface MeetingJson {
  id: string;
  kind: string;
  title: string;
  status: string;
  startTime: string;
  durationMinutes: number;
  zoom: { status: string; joinUrl?: string; meetingId?: string; detail?: string; leftoverMeetingIds?: string[] };
}

const UNFINISHED = ['pending', 'deleting', 'waiting_for_daily_limit'] as const;

export async function zoomScenario(
  options: { emulator?: StartOptions; email?: string; listen?: boolean; env?: Record<string, string> } = {},
): Promise<Scenario> {
  const clock = new TestClock(new Date());
  const t = await createTestApp({
    zoom: options.emulator ?? true,
    clock,
    listen: options.listen ?? false,
    ...(options.env ? { env: options.env } : {}),
  });
  const host = new Client(t.app);
  const hostId = (await host.signUp('Hana Host', options.email ?? 'hana@example.com')).id;
  const eco = (await (await host.api('POST', '/api/ecosystems', { name: 'Accelerator' })).json()) as { id: string };
  const connected = await connectZoom(host, t.emulator!);
  if (connected.status !== 200) throw new Error(`connect failed: ${await connected.text()}`);

  const advance = async (ms: number) => {
    // A jump, not a tick: ticking would fire every pg-boss maintenance timer on the way.
    await clock.setTime(clock.now() + ms);
    await t.emulator!.control.advanceClock(ms / 1000);
  };

  return {
    t,
    clock,
    host,
    hostId,
    ecosystemId: eco.id,
    advance,
    async settle({ stepMs = 10 * 60_000, maxSteps = 40 } = {}) {
      for (let step = 0; step < maxSteps; step++) {
        await t.queue.runDueJobs();
        const open = await t.deps.database.db
          .select({ id: meetings.id })
          .from(meetings)
          .where(and(eq(meetings.locationType, 'zoom'), inArray(meetings.zoomStatus, [...UNFINISHED])));
        if (open.length === 0) return;
        await advance(stepMs);
      }
    },
    async createZoomRecord(body = {}) {
      const response = await host.api('POST', `/api/ecosystems/${eco.id}/meetings`, {
        kind: 'booking',
        title: 'Zoom intro',
        startTime: distinctFuture(3),
        durationMinutes: 30,
        timezone: 'Europe/Helsinki',
        location: { type: 'zoom' },
        attendeeEmails: ['ann@example.com', 'ben@example.com'],
        ...body,
      });
      if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as MeetingJson;
    },
    async mailTo(email: string) {
      return t.deps.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, email));
    },
  };
}
