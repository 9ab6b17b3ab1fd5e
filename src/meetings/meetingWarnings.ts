/**
 * Warnings about a record that do not stop it being saved. Today one: the host's plan ends
 * meetings early (a Zoom Basic host: every meeting ends after 40 minutes, docs/zoom-facts.md §10.2), so a
 * longer record would be cut short with no one told. Shown to those who manage the record: in the
 * API answer, on the record page, in the create form, and in the host's notice.
 */
import type { Queries } from '../db/client.ts';
import { translatorFor } from '../i18n/i18n.ts';
import type { Locale } from '../i18n/locales.ts';
import { pageText } from '../i18n/pageText.ts';
import type { MeetingLengthLimit, MeetingProvider } from './provider.ts';
import type { MeetingView } from './meetingQueries.ts';

export interface MeetingWarning {
  code: 'meeting_length_limit';
  message: string;
}

/**
 * The plan warning, if the meeting is longer than the host's plan allows. Its message is in
 * `locale` — by default the language of the request being answered (the page or API caller
 * reading it); a mail about it names its recipient's.
 */
export function lengthWarning(
  limit: MeetingLengthLimit | undefined,
  durationMinutes: number,
  hostName: string,
  locale: Locale = pageText().locale,
): MeetingWarning | undefined {
  if (!limit || durationMinutes <= limit.maxMinutes) return undefined;
  const values = { host: hostName, plan: limit.plan, max: limit.maxMinutes, duration: durationMinutes };
  const t = translatorFor(locale);
  return {
    code: 'meeting_length_limit',
    message: hostName ? t('records.warnings.lengthLimit', values) : t('records.warnings.lengthLimitNoName', values),
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
