/**
 * What the record forms share: a local date-time in a zone to an instant, the form field an input
 * path comes from, field errors, and the optional reason of a cancel or decline.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../appEnv.ts';
import type { AppError } from '../../errors.ts';
import { ImpossibleLocalTimeError, NonexistentLocalTimeError, zonedLocalToUtc } from '../../meetings/zonedTime.ts';
import { reasonInput } from '../api/meetingsApi.ts';
import { fieldErrorsFrom, validationErrorFrom } from '../errorResponses.ts';
import { errorText, issueText } from '../errorText.ts';
import { pageText } from '../../i18n/pageText.ts';
import type { FieldErrors } from '../views/formErrors.ts';
import { field } from './render.ts';

export type StartTime =
  | { ok: true; iso: string }
  | { ok: false; message: string; field: 'startLocal' | 'timezone'; fieldMessage: string };

/** The optional reason of a cancel or decline form, checked like the API's. */
export async function reasonFrom(c: Context<AppEnv>): Promise<string | undefined> {
  const parsed = reasonInput.safeParse({ reason: field(await c.req.parseBody(), 'reason') });
  if (!parsed.success) throw validationErrorFrom(parsed.error);
  return parsed.data.reason?.trim() || undefined;
}

/**
 * Converts the form's local date-time + timezone to an ISO instant, or explains why not — in the
 * page's language; the summary names the API field (a code, as in every input message).
 */
export function startTimeFrom(local: string, timezone: string): StartTime {
  const { t } = pageText();
  const refuse = (field: 'startLocal' | 'timezone', fieldMessage: string): StartTime => ({
    ok: false,
    message: `${field === 'startLocal' ? 'startTime' : 'timezone'}: ${fieldMessage}`,
    field,
    fieldMessage,
  });
  if (!local) return refuse('startLocal', t('records.timeErrors.chooseDateTime'));
  const shown = local.replace('T', ' ');
  try {
    return { ok: true, iso: zonedLocalToUtc(local, timezone).toISOString() };
  } catch (error) {
    if (error instanceof NonexistentLocalTimeError)
      return refuse('startLocal', t('records.timeErrors.skippedByClocks', { local: shown, zone: timezone }));
    if (error instanceof ImpossibleLocalTimeError)
      return refuse('startLocal', t('records.timeErrors.notRealDateTime', { local: shown }));
    if (error instanceof RangeError) return refuse('timezone', t('records.timeErrors.notZone'));
    return refuse('startLocal', t('records.timeErrors.notDateTime'));
  }
}

/** The form field an input path (of the record schemas, or an error's `field`) comes from. */
function formFieldOf(path: readonly PropertyKey[]): string | undefined {
  const [first, second] = path.map(String);
  if (first === 'startTime') return 'startLocal';
  if (first === 'attendeeEmails') return 'attendees';
  if (first === 'registrationClosesAt') return 'closesLocal';
  if (first === 'location') return second === 'address' ? 'address' : second === 'url' ? 'url' : 'locationType';
  return first === 'kind' ? undefined : first;
}

/** Messages by form field; an attendee's message names the address at fault. */
export function meetingFieldErrors(error: z.ZodError, attendeeEmails: string[] = []): FieldErrors {
  const errors = fieldErrorsFrom(error, formFieldOf);
  const attendeeIssue = error.issues.find((i) => i.path[0] === 'attendeeEmails' && typeof i.path[1] === 'number');
  if (attendeeIssue)
    errors['attendees'] =
      `“${attendeeEmails[attendeeIssue.path[1] as number] ?? ''}” ${issueText(pageText().locale, attendeeIssue)}`;
  return errors;
}

/** A domain refusal that names its field, as a field error (none when it names no form field). */
export function appFieldErrors(error: AppError): FieldErrors {
  const field = error.field ? formFieldOf(error.field.split('.')) : undefined;
  return field ? { [field]: errorText(error) } : {};
}
