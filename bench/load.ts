/** Small load tools: a concurrency pool, percentiles, record creation and waiting for join URLs. */
import type { HttpClient } from '../test/helpers/httpClient.ts';
import { sleep } from './processes.ts';

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};
export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Runs `work(i)` for i in [0, n) with at most `concurrency` in flight. */
export async function pool(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

export interface Created {
  id: string;
  title: string;
  status: number;
  zoomStatus?: string;
  joinUrl?: string;
  meetingId?: string;
  body?: string;
}

let slot = 0;
/** Every booking of the bench lasts this long (the app's, the bare floors' and the bare Zoom creates). */
export const BOOKING_MINUTES = 30;
const SLOTS = (300 * 24 * 60) / BOOKING_MINUTES;
/**
 * A distinct future start (never "in progress" at Zoom while the bench runs), one booking's length
 * after the previous one: bookings sit back to back, so no host's meetings at Zoom overlap, whoever
 * books them (a host can run one meeting at a time, docs/zoom-facts.md §10.7). 300 days of slots.
 */
export function nextStart(): string {
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  const at = new Date(day.getTime() + 3 * 86_400_000 + (slot++ % SLOTS) * BOOKING_MINUTES * 60_000);
  return at.toISOString();
}

/** POST a Zoom booking with the given attendees; never throws (network errors → status 0). */
export async function createBooking(
  client: HttpClient,
  ecosystemId: string,
  title: string,
  attendeeEmails: string[],
  options: { base?: string; origin?: string } = {},
): Promise<Created> {
  const body = JSON.stringify({
    kind: 'booking',
    title,
    startTime: nextStart(),
    durationMinutes: BOOKING_MINUTES,
    timezone: 'UTC',
    location: { type: 'zoom' },
    attendeeEmails,
  });
  try {
    const response = await client.request(`${options.base ?? client.base}/api/ecosystems/${ecosystemId}/meetings`, {
      method: 'POST',
      headers: { origin: options.origin ?? new URL(client.base).origin, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(120_000),
    });
    const text = await response.text();
    if (response.status !== 201) return { id: '', title, status: response.status, body: text.slice(0, 500) };
    const json = JSON.parse(text) as { id: string; zoom: { status: string; joinUrl?: string; meetingId?: string } };
    return {
      id: json.id,
      title,
      status: 201,
      zoomStatus: json.zoom.status,
      ...(json.zoom.joinUrl ? { joinUrl: json.zoom.joinUrl } : {}),
      ...(json.zoom.meetingId ? { meetingId: json.zoom.meetingId } : {}),
    };
  } catch (error) {
    return { id: '', title, status: 0, body: (error as Error).message };
  }
}

/** Polls GET /api/meetings/:id until the record has its join URL; returns when (performance.now()). */
export async function waitForJoinUrl(
  client: HttpClient,
  record: Created,
  deadline: number,
  everyMs = 10,
): Promise<number | undefined> {
  while (performance.now() < deadline) {
    const response = await client.api('GET', `/api/meetings/${record.id}`);
    if (response.status === 200) {
      const zoom = ((await response.json()) as { zoom: { status: string; joinUrl?: string; meetingId?: string } }).zoom;
      record.zoomStatus = zoom.status;
      if (zoom.joinUrl) {
        record.joinUrl = zoom.joinUrl;
        if (zoom.meetingId) record.meetingId = zoom.meetingId;
        return performance.now();
      }
    } else await response.text();
    await sleep(everyMs);
  }
  return undefined;
}

export interface ListedRecord {
  id: string;
  title: string;
  status: string;
  zoom: { status: string; joinUrl?: string; meetingId?: string; detail?: string };
}

export async function listRecords(client: HttpClient, ecosystemId: string): Promise<ListedRecord[]> {
  const response = await client.api('GET', `/api/ecosystems/${ecosystemId}/meetings`);
  if (response.status !== 200)
    throw new Error(`list answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return ((await response.json()) as { items: ListedRecord[] }).items;
}
