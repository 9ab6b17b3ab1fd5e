/**
 * R9: BENCH_R9_MEMBERS members racing for the BENCH_R9_SLOTS slots of one host, all at once, each
 * booking on the host's Zoom (a connected host who lets members use it). Every member picks one of
 * the listed slots at random; refused (409 `host_busy`, 422 `slot_not_available`), they take one of
 * the nearest free slots the refusal offers, or, when it offers none, read the list again; they stop
 * when they have a booking or the list is empty. Exactly as many bookings as slots must succeed and
 * no two of the host's meetings at Zoom may overlap; the booking requests' latency is reported,
 * at the Zoom latency of R1 (50 ms), beside R1's p99 when R1 ran too. A bystander's `GET /api/me`
 * during the race shows what it costs the instance's other requests.
 */
import { expectJson } from '../test/helpers/httpClient.ts';
import type { Overlap } from '../zoom-emulator/overlaps.ts';
import { percentile, waitForJoinUrl, type Created } from './load.ts';
import { makeEcosystem, makeHosts, makeMembers, type BenchMember } from './people.ts';
import { cpuMs, say, sleep } from './processes.ts';
import { SETTINGS, fmt, judge, type BenchContext } from './settings.ts';
import { seededRandom } from './slotsPart.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const SLOT_MINUTES = 30;
/** The R9 host: past the hosts the other rows share and R8's. */
const HOST_INDEX = 110;
/** A member gives up after this many booking attempts (a safety net: refusals always end the list). */
const MAX_ATTEMPTS = 100;

interface Slot {
  start: string;
  end: string;
}

interface Attempt {
  member: number;
  start: string;
  status: number;
  ms: number;
  /** When the answer came, ms after the race began. */
  at: number;
  code?: string;
}

export async function measureRace(ctx: BenchContext): Promise<void> {
  if (!ctx.has('r9')) return;
  const { db, base, smtp, emulator, host0, rows, details, notes } = ctx;
  const slotCount = SETTINGS.r9Slots;
  say(`${db}: R9 setup: a host with ${slotCount} slots, ${SETTINGS.r9Members} members`);
  const [host] = await makeHosts({ base, smtp, emulator, count: 1, first: HOST_INDEX, log: say });
  const ecosystemId = await makeEcosystem(host0, 'Bench R9', [host!]);
  await expectJson(
    await host!.client.api('PUT', `/api/ecosystems/${ecosystemId}/my-settings`, { zoomForOthers: true }),
    'R9 zoomForOthers',
    200,
  );
  // One one-off window holding exactly the slots, three days ahead (past the 12 h notice).
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  const windowStart = day.getTime() + 3 * DAY + 8 * 3_600_000;
  const windowEnd = windowStart + slotCount * SLOT_MINUTES * MINUTE;
  await expectJson(
    await host!.client.api('PUT', `/api/ecosystems/${ecosystemId}/my-availability`, {
      bookable: true,
      timezone: 'UTC',
      weekly: [],
      extra: [{ start: new Date(windowStart).toISOString(), end: new Date(windowEnd).toISOString() }],
      durations: [SLOT_MINUTES],
      horizonDays: 60,
      location: { type: 'zoom' },
    }),
    'R9 availability',
    200,
  );
  const members = await makeMembers({
    base,
    smtp,
    admin: host0,
    ecosystemId,
    count: SETTINGS.r9Members,
    log: (line) => say(`${db}: R9 ${line.trim()}`),
  });
  const slotsPath = `/api/ecosystems/${ecosystemId}/hosts/${host!.userId}/slots?from=${encodeURIComponent(new Date(windowStart).toISOString())}&to=${encodeURIComponent(new Date(windowEnd).toISOString())}`;
  const listed = async (member: BenchMember) =>
    (await expectJson<{ items: Slot[] }>(await member.client.api('GET', slotsPath), 'R9 slots', 200)).items;
  const offered = await listed(members[0]!);
  if (offered.length !== slotCount) throw new Error(`R9: the host lists ${offered.length} slots, not ${slotCount}`);

  // --- The race ------------------------------------------------------------------------------
  await emulator.setLatency(SETTINGS.r1LatencyMs);
  const random = seededRandom(9);
  const pick = (slots: Slot[]) => slots[Math.floor(random() * slots.length)]!;
  const attempts: Attempt[] = [];
  const booked: { member: BenchMember; record: Created; start: string }[] = [];
  let listReads = 0;
  let done = 0;
  let gaveUp = 0;
  const unexpected: string[] = [];
  const book = async (member: BenchMember) => {
    let slot = pick(offered);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const started = performance.now();
      let status = 0;
      let text = '';
      try {
        const response = await member.client.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, {
          kind: 'booking',
          title: `R9 booking by member ${member.index}`,
          startTime: slot.start,
          durationMinutes: SLOT_MINUTES,
          timezone: 'UTC',
          hostUserId: host!.userId,
          location: { type: 'zoom' },
        });
        status = response.status;
        text = await response.text();
      } catch (error) {
        text = (error as Error).message;
      }
      const ms = performance.now() - started;
      const at = performance.now() - raceStarted;
      if (status === 201) {
        attempts.push({ member: member.index, start: slot.start, status, ms, at });
        const json = JSON.parse(text) as { id: string; zoom: { status: string; joinUrl?: string; meetingId?: string } };
        const record: Created = {
          id: json.id,
          title: `R9 booking by member ${member.index}`,
          status,
          zoomStatus: json.zoom.status,
          ...(json.zoom.joinUrl ? { joinUrl: json.zoom.joinUrl } : {}),
          ...(json.zoom.meetingId ? { meetingId: json.zoom.meetingId } : {}),
        };
        booked.push({ member, record, start: slot.start });
        return;
      }
      if (status !== 409 && status !== 422) {
        attempts.push({ member: member.index, start: slot.start, status, ms, at });
        unexpected.push(`member ${member.index}: ${status} ${text.slice(0, 200)}`);
        return;
      }
      let error: { code: string; nearestSlots?: Slot[] };
      try {
        error = (JSON.parse(text) as { error: { code: string; nearestSlots?: Slot[] } }).error;
      } catch {
        attempts.push({ member: member.index, start: slot.start, status, ms, at });
        unexpected.push(`member ${member.index}: ${status} without a JSON error: ${text.slice(0, 200)}`);
        return;
      }
      attempts.push({ member: member.index, start: slot.start, status, ms, at, code: error.code });
      const near = error.nearestSlots ?? [];
      if (near.length) {
        slot = pick(near);
        continue;
      }
      listReads++;
      const now = await listed(member);
      if (!now.length) return;
      slot = pick(now);
    }
    gaveUp++;
  };
  const appPid = ctx.app.child.pid!;
  const appCpu0 = cpuMs(appPid);
  const raceStarted = performance.now();
  const progress = setInterval(
    () =>
      say(
        `${db}: R9 booked ${booked.length}/${slotCount}, ${attempts.length} attempts, ${done}/${members.length} members done`,
      ),
    2000,
  );
  // Meanwhile someone else, outside the race, reads who they are every 50 ms: what the race costs
  // the instance's other requests (they share its database pool).
  const bystanderMs: number[] = [];
  let racing = true;
  const bystander = (async () => {
    while (racing) {
      const t0 = performance.now();
      await expectJson(await host0.client.api('GET', '/api/me'), 'R9 bystander', 200);
      bystanderMs.push(performance.now() - t0);
      await sleep(50);
    }
  })();
  try {
    await Promise.all(
      members.map((member) =>
        book(member).finally(() => {
          done++;
        }),
      ),
    );
  } finally {
    clearInterval(progress);
    racing = false;
    await bystander;
  }
  const raceSeconds = (performance.now() - raceStarted) / 1000;
  // The app's CPU over the race (its booking requests and the members' list reads).
  const appCpuMs = cpuMs(appPid) - appCpu0;
  for (const { member, record } of booked.filter((b) => !b.record.joinUrl))
    await waitForJoinUrl(member.client, record, performance.now() + 60_000, 50);
  await emulator.setLatency(0);

  // --- What the race left ------------------------------------------------------------------------
  const distinct = new Set(booked.map((b) => b.start)).size;
  const left = (await listed(members[0]!)).length;
  const atZoom = (await emulator.meetings('live')).filter((m) => m.hostId === host!.zoomUserId);
  let overlaps: Overlap[] | undefined;
  try {
    overlaps = (await emulator.overlaps()).filter((o) => o.userId === host!.zoomUserId);
  } catch {
    overlaps = undefined; // an emulator without GET /_emulator/overlaps: the count below decides
  }
  // The same count from the meetings themselves: pairs of scheduled spans that intersect.
  const spans = atZoom
    .filter((m) => m.startTime)
    .map((m) => ({ start: Date.parse(m.startTime!), end: Date.parse(m.startTime!) + (m.duration ?? 60) * MINUTE }))
    .sort((a, b) => a.start - b.start);
  let computedOverlaps = 0;
  for (let i = 0; i < spans.length; i++)
    for (let j = i + 1; j < spans.length && spans[j]!.start < spans[i]!.end; j++) computedOverlaps++;
  const overlapCount = Math.max(overlaps?.length ?? 0, computedOverlaps);
  const joinUrls = booked.filter((b) => b.record.joinUrl).length;

  const times = attempts.map((a) => a.ms);
  const bookedTimes = attempts.filter((a) => a.status === 201).map((a) => a.ms);
  const refusedTimes = attempts.filter((a) => a.status === 409 || a.status === 422).map((a) => a.ms);
  const [p50, p99] = [percentile(times, 50), percentile(times, 99)];
  const r1 = details.r1 as { appMs?: number[] } | undefined;
  const r1p99 = r1?.appMs?.length ? percentile(r1.appMs, 99) : undefined;
  const byStatus: Record<string, number> = {};
  for (const a of attempts) {
    const key = a.code ? `${a.status} ${a.code}` : String(a.status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }
  details.r9 = {
    members: members.length,
    slots: slotCount,
    zoomLatencyMs: SETTINGS.r1LatencyMs,
    raceSeconds,
    appCpuMs,
    firstAnswerMs: Math.min(...attempts.map((a) => a.at)),
    lastAnswerMs: Math.max(...attempts.map((a) => a.at)),
    attempts: attempts.length,
    byStatus,
    listReads,
    gaveUp,
    unexpected,
    booked: booked.length,
    distinctSlotsBooked: distinct,
    slotsLeft: left,
    zoomMeetings: atZoom.length,
    joinUrls,
    overlapsFromEmulator: overlaps?.length ?? null,
    overlapsComputed: computedOverlaps,
    latencyMs: {
      bystander: { n: bystanderMs.length, p50: percentile(bystanderMs, 50), max: Math.max(...bystanderMs) },
      all: { p50, p99, max: Math.max(...times) },
      booked: { p50: percentile(bookedTimes, 50), p99: percentile(bookedTimes, 99) },
      refused: { p50: percentile(refusedTimes, 50), p99: percentile(refusedTimes, 99) },
      r1p99: r1p99 ?? null,
    },
    attemptsMs: attempts,
  };
  say(
    `${db}: R9 ${booked.length} booked of ${slotCount} in ${fmt(raceSeconds)} s, ${attempts.length} attempts (${Object.entries(
      byStatus,
    )
      .map(([k, v]) => `${k}: ${v}`)
      .join(
        ', ',
      )}), ${atZoom.length} at Zoom, ${overlapCount} overlaps; p50 ${fmt(p50)} ms, p99 ${fmt(p99)} ms; app CPU ${fmt(appCpuMs, 0)} ms; a bystander's GET /api/me max ${fmt(Math.max(...bystanderMs), 0)} ms`,
  );
  const ok =
    booked.length === slotCount &&
    distinct === slotCount &&
    atZoom.length === slotCount &&
    overlapCount === 0 &&
    left === 0 &&
    unexpected.length === 0;
  rows.push({
    row: 'R9',
    what: `${members.length} members race for ${slotCount} slots: booked (201); at Zoom; overlaps`,
    measured: `${booked.length}; ${atZoom.length}; ${overlapCount}`,
    baseline: '-',
    ratio: '-',
    target: `${slotCount}; ${slotCount}; 0`,
    met: judge(ok),
  });
  rows.push({
    row: 'R9 p99',
    what: `its ${attempts.length} booking requests, p99 (p50 ${fmt(p50, 0)} ms); baseline R1's p99`,
    measured: `${fmt(p99)} ms`,
    baseline: r1p99 === undefined ? '-' : `${fmt(r1p99)} ms`,
    ratio: r1p99 === undefined ? '-' : `${fmt(p99 / r1p99, 2)}×`,
    target: 'report',
    met: 'report',
  });
  if (unexpected.length) notes.push(`R9: ${unexpected.length} unexpected answer(s), the first: ${unexpected[0]}`);
  if (gaveUp) notes.push(`R9: ${gaveUp} member(s) gave up after ${MAX_ATTEMPTS} attempts`);
  if (overlaps === undefined)
    notes.push('R9: the emulator has no GET /_emulator/overlaps; overlaps computed from its meetings');
  if (r1p99 === undefined) notes.push("R9 p99: R1 did not run (--only r1 too for R1's p99 beside it)");
}
