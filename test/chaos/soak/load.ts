/**
 * The soak's traffic: N records of all three kinds over the hosts, created through the HTTP API;
 * about half cancelled and some rescheduled at random moments (some at once, while their Zoom
 * create is likely still in flight), registrations for events, and timed "moments" (host
 * events, kills) triggered by progress through the creates rather than by the wall clock, so a
 * slow machine changes the pace but not the story.
 */
import type { HttpClient } from '../../helpers/httpClient.ts';
import type { Host } from './people.ts';

export type Kind = 'booking' | 'mentorship' | 'event';
export type Outcome = 'ok' | 'refused' | 'unknown' | 'unexpected';

export interface Action {
  type: 'cancel' | 'reschedule' | 'register';
  /** Run right after the create answered, or once this many creates have been sent. */
  at: number | 'at_once';
  email?: string;
  /** A reschedule's new time, planned with the rest so it never overlaps the host's other records. */
  to?: { startTime: string; durationMinutes: number };
  outcome?: Outcome;
  status?: number;
  /** The record's Zoom status when the action was sent ("pending": its create was in flight). */
  zoomAtAction?: string;
  /** When the action's request went out and when its answer came (ms): it committed in between, if at all. */
  sentAt?: number;
  answeredAt?: number;
}

export interface PlannedRecord {
  index: number;
  title: string;
  kind: Kind;
  host: Host;
  location: { type: 'zoom' } | { type: 'in_person'; address: string } | { type: 'link'; url: string };
  startTime: string;
  durationMinutes: number;
  timezone: string;
  attendeeEmails: string[];
  actions: Action[];
  id?: string;
  create?: {
    outcome: Outcome;
    status: number;
    zoomStatus?: string;
    code?: string;
    /** When the create went out and when its answer came (ms): it committed in between, if at all. */
    sentAt: number;
    answeredAt: number;
  };
}

export interface Moment {
  at: number;
  what: string;
  run: () => Promise<void>;
}

/** Seeded PRNG (mulberry32): the plan is the same for the same seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONES = ['Europe/Berlin', 'America/New_York', 'UTC'];
const KINDS: Kind[] = ['booking', 'mentorship', 'event'];
const QUARTER_MS = 900_000;
const QUARTERS_A_DAY = 96;
/** Records start this many days ahead or later: never "in progress" at Zoom while the soak runs. */
const FIRST_DAY = 2;

/**
 * Each host's planned time by quarter hour from today 00:00 UTC. A record holds its own time and
 * the time it is rescheduled to, so none of a host's records overlap another's in any order the
 * creates, reschedules and cancels land in: a host cannot run two meetings at once
 * (docs/zoom-facts.md §10.7), and the soak ends by showing Zoom holds no overlapping pair.
 */
class HostCalendars {
  readonly #held = new Map<Host, Set<number>>();
  readonly #random: () => number;
  /** Wide enough that a host's records fill at most about half of it (random placement stays quick). */
  readonly #days: number;

  constructor(random: () => number, recordsPerHost: number) {
    this.#random = random;
    this.#days = Math.max(28, Math.ceil((recordsPerHost * 8 * 2) / QUARTERS_A_DAY));
  }

  #quarters(start: number, minutes: number): number[] {
    return Array.from({ length: Math.ceil(minutes / 15) }, (_, i) => start + i);
  }

  /** Holds [start, start + minutes) for `host` if it is free; answers whether it was. */
  tryHold(host: Host, start: number, minutes: number): boolean {
    const held = this.#held.get(host) ?? new Set<number>();
    this.#held.set(host, held);
    const quarters = this.#quarters(start, minutes);
    if (quarters.some((q) => held.has(q))) return false;
    for (const q of quarters) held.add(q);
    return true;
  }

  /** A free quarter hour for `host` at random in the window, held for `minutes`. */
  place(host: Host, minutes: number): number {
    for (let attempt = 0; attempt < 100_000; attempt++) {
      const start = FIRST_DAY * QUARTERS_A_DAY + Math.floor(this.#random() * this.#days * QUARTERS_A_DAY);
      if (this.tryHold(host, start, minutes)) return start;
    }
    throw new Error(`no free ${minutes} minutes left in ${this.#days} days for a soak host`);
  }
}

export function planRecords(count: number, hosts: Host[], random: () => number): PlannedRecord[] {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const laterThan = (index: number) => index + 1 + Math.floor(random() * Math.max(2, count / 3));
  const records: PlannedRecord[] = [];
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  const calendars = new HostCalendars(random, Math.ceil(count / Math.max(1, hosts.length)));
  const isoAt = (quarter: number) => new Date(day.getTime() + quarter * QUARTER_MS).toISOString();
  /** One to three days and an hour later (as people move things) when that is free, else anywhere free. */
  const rescheduleTo = (host: Host, from: number, minutes: number): Action['to'] => {
    const durationMinutes = minutes === 60 ? 30 : minutes + 15;
    const preferred = from + (1 + Math.floor(random() * 3)) * QUARTERS_A_DAY + 4;
    const start = calendars.tryHold(host, preferred, durationMinutes)
      ? preferred
      : calendars.place(host, durationMinutes);
    return { startTime: isoAt(start), durationMinutes };
  };
  for (let index = 0; index < count; index++) {
    const host = hosts[index % hosts.length]!;
    const durationMinutes = pick([30, 45, 60]);
    const kind = KINDS[index % 3]!;
    const roll = random();
    const location: PlannedRecord['location'] =
      roll < 0.7
        ? { type: 'zoom' }
        : roll < 0.85
          ? { type: 'in_person', address: `Room ${1 + (index % 9)}, Soak House` }
          : { type: 'link', url: `https://meet.example.org/soak-${index}` };
    // Days ahead, on a quarter hour, where the host has nothing else.
    const start = calendars.place(host, durationMinutes);
    const attendeeEmails = Array.from(
      { length: Math.floor(random() * 3) + (kind === 'event' ? 0 : 1) },
      () => `guest${Math.floor(random() * 300)}@soak.example`,
    );
    const actions: Action[] = [];
    if (random() < 0.15)
      actions.push({
        type: 'reschedule',
        at: random() < 0.3 ? 'at_once' : laterThan(index),
        to: rescheduleTo(host, start, durationMinutes),
      });
    if (kind === 'event') {
      const registrations = Math.floor(random() * 3);
      for (let r = 0; r < registrations; r++)
        actions.push({
          type: 'register',
          at: random() < 0.3 ? 'at_once' : laterThan(index),
          email: `registrant${index}-${r}@soak.example`,
        });
    }
    if (random() < 0.5) {
      const resched = actions.find((a) => a.type === 'reschedule');
      const at: Action['at'] = random() < 0.25 ? 'at_once' : laterThan(index);
      // A reschedule planned for later than the cancel would only be refused: cancel after it.
      actions.push({
        type: 'cancel',
        at: resched && resched.at !== 'at_once' && at !== 'at_once' ? Math.max(at, resched.at + 1) : at,
      });
    }
    records.push({
      index,
      title: `Soak r${String(index).padStart(5, '0')} ${kind}`,
      kind,
      host,
      location,
      startTime: isoAt(start),
      durationMinutes,
      timezone: pick(ZONES),
      attendeeEmails: [...new Set(attendeeEmails)],
      actions,
    });
  }
  return records;
}

/** How far ahead a reminder may be set (docs/product.md §13.1: 1 to 20,160 minutes), and how many. */
const MAX_REMINDER_MINUTES = 20_160;
const MAX_REMINDERS = 10;

export interface ReminderPlan {
  /** The ecosystem's `reminderMinutesBefore`, largest first. */
  minutes: number[];
  /** Each offset's start time and when its reminders come due (ms), with the records planned at that start. */
  targets: { minutes: number; start: number; due: number; titles: string[] }[];
  /** When the load should start (ms): `leadMs` before the first reminders come due. */
  loadStartsAt: number;
}

/**
 * Reminder offsets that make reminders come due while the load runs, for the records planned at up
 * to ten start times. Records start on quarter hours and an offset is whole minutes, so reminders
 * come due on whole minutes: an offset of (start − due) reminds the records starting then at `due`.
 * The start times are those a record gets (created, or moved to) earliest in the plan, those of
 * records kept to the end first — there before their reminders come due, and reminded rather than
 * cancelled. Two thirds come due on the first whole minute at least `leadMs` after `now` (the load
 * starts `leadMs` before it, so the records exist and the creates, moves, cancels and kills go on
 * around it), the rest a minute later. No randomness: the plan (the seed) and the clock decide.
 */
export function planReminders(records: PlannedRecord[], now: number, leadMs = 10_000): ReminderPlan {
  const first = Math.ceil((now + leadMs) / 60_000) * 60_000;
  const starts = new Map<number, { start: number; position: number; kept: boolean; titles: string[] }>();
  /** `position`: how many creates have been sent when the record gets this start. */
  const consider = (start: number, position: number, kept: boolean, title: string) => {
    const seen = starts.get(start) ?? { start, position, kept: false, titles: [] };
    seen.position = Math.min(seen.position, position);
    seen.kept ||= kept;
    seen.titles.push(title);
    starts.set(start, seen);
  };
  for (const record of records) {
    const cancelled = record.actions.some((a) => a.type === 'cancel');
    const moved = record.actions.find((a) => a.type === 'reschedule');
    consider(Date.parse(record.startTime), record.index, !cancelled && !moved, record.title);
    if (moved?.to)
      consider(
        Date.parse(moved.to.startTime),
        moved.at === 'at_once' ? record.index : moved.at,
        !cancelled,
        record.title,
      );
  }
  // An offset of at least a minute and at most the longest, from either due time.
  const reachable = [...starts.values()].filter(
    (s) => s.start - first - 60_000 >= 60_000 && s.start - first <= MAX_REMINDER_MINUTES * 60_000,
  );
  reachable.sort((a, b) => Number(b.kept) - Number(a.kept) || a.position - b.position || a.start - b.start);
  const chosen = reachable.slice(0, MAX_REMINDERS).sort((a, b) => a.position - b.position || a.start - b.start);
  const targets = chosen.map((s, i) => {
    const due = first + (i < Math.ceil((chosen.length * 2) / 3) ? 0 : 60_000);
    return { minutes: (s.start - due) / 60_000, start: s.start, due, titles: s.titles };
  });
  return { minutes: targets.map((t) => t.minutes).sort((a, b) => b - a), targets, loadStartsAt: first - leadMs };
}

/** A JSON API call that never throws: 502 from the balancer and network errors are `unknown`. */
export async function call(
  client: HttpClient,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  try {
    const response = await client.request(path, {
      method,
      headers: {
        origin: new URL(client.base).origin,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(180_000),
    });
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = { text: text.slice(0, 200) };
    }
    return { status: response.status, json };
  } catch (error) {
    return { status: 0, json: { error: { code: 'network', message: (error as Error).message } } };
  }
}

const errorCode = (json: Record<string, unknown>) => (json.error as { code?: string } | undefined)?.code ?? '';

/** Codes the soak expects now and then: the host's Zoom is down on purpose, or a race it caused. */
const EXPECTED_REFUSALS = new Set([
  'zoom_not_connected',
  'zoom_needs_reconnect',
  'zoom_deauthorized',
  'already_cancelled',
  'already_registered',
  'registration_closed',
]);

export function classify(status: number, json: Record<string, unknown>, okStatus: number): Outcome {
  if (status === okStatus) return 'ok';
  if (status === 0 || status === 502) return 'unknown';
  if (status >= 400 && status < 500 && EXPECTED_REFUSALS.has(errorCode(json))) return 'refused';
  return 'unexpected';
}

export async function createRecord(record: PlannedRecord, ecosystemId: string): Promise<void> {
  const sentAt = Date.now();
  const { status, json } = await call(record.host.client, 'POST', `/api/ecosystems/${ecosystemId}/meetings`, {
    kind: record.kind,
    title: record.title,
    startTime: record.startTime,
    durationMinutes: record.durationMinutes,
    timezone: record.timezone,
    location: record.location,
    attendeeEmails: record.attendeeEmails,
  });
  record.create = {
    outcome: classify(status, json, 201),
    status,
    code: errorCode(json),
    sentAt,
    answeredAt: Date.now(),
  };
  if (status === 201) {
    record.id = String(json.id);
    record.create.zoomStatus = (json.zoom as { status?: string } | undefined)?.status;
  }
}

export async function runAction(record: PlannedRecord, action: Action): Promise<void> {
  if (!record.id) {
    action.outcome = 'refused';
    return;
  }
  const client = record.host.client;
  const current = await call(client, 'GET', `/api/meetings/${record.id}`);
  action.zoomAtAction = (current.json.zoom as { status?: string } | undefined)?.status;
  let answer: Awaited<ReturnType<typeof call>>;
  action.sentAt = Date.now();
  if (action.type === 'cancel') {
    answer = await call(client, 'POST', `/api/meetings/${record.id}/cancel`);
    action.outcome = classify(answer.status, answer.json, 200);
  } else if (action.type === 'reschedule') {
    answer = await call(client, 'POST', `/api/meetings/${record.id}/reschedule`, action.to);
    action.outcome = classify(answer.status, answer.json, 200);
  } else {
    answer = await call(client, 'POST', `/api/meetings/${record.id}/registrations`, {
      email: action.email,
      name: `Registrant ${action.email}`,
    });
    action.outcome = classify(answer.status, answer.json, 201);
  }
  action.answeredAt = Date.now();
  action.status = answer.status;
}

/**
 * Runs the plan with `concurrency` requests in flight: the next create, or an action whose moment
 * came; `moments` fire (in the background) once their number of creates has been sent.
 */
export async function runLoad(options: {
  records: PlannedRecord[];
  ecosystemId: string;
  concurrency: number;
  moments: Moment[];
  onMoment: (moment: Moment, error?: unknown) => void;
}): Promise<{ sent: () => number }> {
  const { records } = options;
  let nextCreate = 0;
  const ready: [PlannedRecord, Action][] = [];
  const deferred: [PlannedRecord, Action][] = [];
  const moments = [...options.moments].sort((a, b) => a.at - b.at);
  const momentRuns: Promise<void>[] = [];
  const fireDue = () => {
    for (let i = deferred.length - 1; i >= 0; i--) {
      const [, action] = deferred[i]!;
      if (nextCreate >= records.length || (action.at !== 'at_once' && action.at <= nextCreate))
        ready.push(...deferred.splice(i, 1));
    }
    while (moments.length && (moments[0]!.at <= nextCreate || nextCreate >= records.length)) {
      const moment = moments.shift()!;
      momentRuns.push(
        moment.run().then(
          () => options.onMoment(moment),
          (error: unknown) => options.onMoment(moment, error),
        ),
      );
    }
  };
  const lane = async () => {
    for (;;) {
      fireDue();
      const job = ready.shift();
      if (job) {
        await runAction(job[0], job[1]);
        continue;
      }
      if (nextCreate < records.length) {
        const record = records[nextCreate++]!;
        await createRecord(record, options.ecosystemId);
        // Actions in order: all "at once" ones now, in sequence (reschedule before cancel).
        for (const action of record.actions.filter((a) => a.at === 'at_once')) await runAction(record, action);
        deferred.push(
          ...record.actions.filter((a) => a.at !== 'at_once').map((a) => [record, a] as [PlannedRecord, Action]),
        );
        continue;
      }
      if (deferred.length === 0 && ready.length === 0) return;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  fireDue();
  await Promise.all(momentRuns);
  return { sent: () => nextCreate };
}
