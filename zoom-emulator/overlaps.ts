/**
 * Meetings whose times overlap on one Zoom user (docs/zoom-facts.md §10.7). Zoom schedules them
 * without a word, and so does the emulator; but a Basic or Pro host can run only one meeting at a
 * time, so two overlapping meetings on one host are a broken promise to their attendees. This is
 * the report tests read to show the app never leaves any (`control.overlaps()`,
 * `GET /_emulator/overlaps`).
 */
import type { EmulatedMeeting, EmulatorState } from './state.ts';

/** One meeting of an overlapping pair, in Zoom's field names. */
export interface OverlapMeeting {
  id: number;
  topic: string;
  start_time: string;
  duration: number;
}

/** Two meetings of one Zoom user whose scheduled spans intersect (one item per pair). */
export interface Overlap {
  userId: string;
  email: string;
  meetings: [OverlapMeeting, OverlapMeeting];
}

interface Span {
  meeting: EmulatedMeeting;
  startMs: number;
  endMs: number;
}

/**
 * The scheduled span [start_time, start_time + duration): what the attendees were promised. Not
 * `endsAt`, which a Basic host's 40-minute cut (§10.2) or `setMeetingEnd` moves. Meetings without a
 * start time (instant meetings) have no span and overlap nothing.
 */
function spanOf(meeting: EmulatedMeeting): Span | undefined {
  if (meeting.startTime === undefined) return undefined;
  const startMs = Date.parse(meeting.startTime);
  return { meeting, startMs, endMs: startMs + (meeting.duration ?? 60) * 60_000 };
}

const asOverlapMeeting = (m: EmulatedMeeting): OverlapMeeting => ({
  id: m.id,
  topic: m.topic,
  start_time: m.startTime ?? '',
  duration: m.duration ?? 60,
});

/** Every intersecting pair of one host's spans; back to back ([9:00, 9:30), [9:30, 10:00)) is not one. */
function overlappingPairs(spans: Span[]): [Span, Span][] {
  // A stable sort: meetings starting together stay in creation order.
  const sorted = [...spans].sort((a, b) => a.startMs - b.startMs);
  const pairs: [Span, Span][] = [];
  for (let i = 0; i < sorted.length; i++) {
    const first = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.startMs < first.endMs; j++) pairs.push([first, sorted[j]!]);
  }
  return pairs;
}

/**
 * Overlapping pairs among each user's meetings that still exist (deleted ones no longer count),
 * users and meetings in creation order, pairs by start time. Different users never overlap each
 * other: the limit is per host.
 */
export function findOverlaps(state: EmulatorState): Overlap[] {
  const byHost = new Map<string, Span[]>();
  for (const meeting of state.meetings.values()) {
    const span = meeting.deletedAt ? undefined : spanOf(meeting);
    if (!span) continue;
    const spans = byHost.get(meeting.hostId);
    if (spans) spans.push(span);
    else byHost.set(meeting.hostId, [span]);
  }
  const hosts = [...state.users.keys(), ...[...byHost.keys()].filter((id) => !state.users.has(id))];
  return hosts.flatMap((hostId) =>
    overlappingPairs(byHost.get(hostId) ?? []).map(([a, b]) => ({
      userId: hostId,
      email: state.users.get(hostId)?.email ?? a.meeting.hostEmail,
      meetings: [asOverlapMeeting(a.meeting), asOverlapMeeting(b.meeting)] as [OverlapMeeting, OverlapMeeting],
    })),
  );
}

/** One line per pair, for a test's failure message or a report. */
export function describeOverlaps(overlaps: Overlap[]): string {
  const meeting = (m: OverlapMeeting) => `${m.id} "${m.topic}" ${m.start_time} (${m.duration} min)`;
  return overlaps.map((o) => `${o.email}: ${meeting(o.meetings[0])} overlaps ${meeting(o.meetings[1])}`).join('\n');
}
