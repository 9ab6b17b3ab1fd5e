/**
 * Warnings about a record that do not stop it being saved. Today one: the host's plan ends
 * meetings early (a Zoom Basic host: every meeting ends after 40 minutes, docs/zoom-facts.md §10.2), so a
 * longer record would be cut short with no one told. Shown to those who manage the record: in the
 * API answer, on the record page, in the create form, and in the host's notice.
 */
import type { Queries } from '../db/client.ts';
import type { MeetingLengthLimit, MeetingProvider } from './provider.ts';
import type { MeetingView } from './meetingQueries.ts';

export interface MeetingWarning {
  code: 'meeting_length_limit';
  message: string;
}

export function lengthWarning(
  limit: MeetingLengthLimit | undefined,
  durationMinutes: number,
  hostName: string,
): MeetingWarning | undefined {
  if (!limit || durationMinutes <= limit.maxMinutes) return undefined;
  return {
    code: 'meeting_length_limit',
    message:
      `${hostName || 'The host'}’s Zoom account is on Zoom’s ${limit.plan} plan, where every meeting ends after ${limit.maxMinutes} minutes: ` +
      `this ${durationMinutes}-minute meeting will be cut off at ${limit.maxMinutes} minutes. ` +
      `Shorten it, split it, or the host can upgrade their Zoom plan.`,
  };
}

/** The warnings for a Zoom record that is still scheduled (none for other locations). */
export async function meetingWarnings(
  db: Queries,
  provider: Pick<MeetingProvider, 'meetingLengthLimits'>,
  meeting: MeetingView,
): Promise<MeetingWarning[]> {
  if (meeting.location.type !== 'zoom' || meeting.status !== 'scheduled') return [];
  const limits = await provider.meetingLengthLimits(db, [meeting.host.id]);
  const warning = lengthWarning(limits.get(meeting.host.id), meeting.durationMinutes, meeting.host.name);
  return warning ? [warning] : [];
}
