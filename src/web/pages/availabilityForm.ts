/**
 * The availability form on Lets Meet → Manage (docs/product.md §12.2, §12.5): the stored document
 * as form values, the submitted form back into a document with an error per field (per row for
 * weekly windows and one-off spans), and the card with its preview of the next free slots.
 *
 * The form shows wall-clock times in the host's zone; one-off spans become instants here
 * (src/meetings/zonedTime.ts), and the document is checked whole with the API's own schema, so
 * the form and `PUT …/my-availability` accept exactly the same availability. Field messages are
 * in the page's language: the form's own from the catalogue, the schema's worded by errorText.ts.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../appEnv.ts';
import { NotFoundError } from '../../errors.ts';
import type { Membership } from '../../ecosystems/ecosystems.ts';
import { type Availability, availabilitySchema, WEEKDAYS } from '../../availability/availabilityInput.ts';
import { hostSlots, myAvailability } from '../../availability/availabilityStore.ts';
import {
  ImpossibleLocalTimeError,
  NonexistentLocalTimeError,
  utcToZonedLocal,
  zonedLocalToUtc,
} from '../../meetings/zonedTime.ts';
import { pageText } from '../../i18n/pageText.ts';
import { issueText } from '../errorText.ts';
import { getConnectionSummary } from '../../integrations/zoom/zoomConnections.ts';
import type { FieldErrors } from '../views/formErrors.ts';
import { type AvailabilityFormValues, availabilityCard } from '../views/availabilityViews.ts';
import type { Html } from '../views/layout.ts';

const DAY = 86_400_000;
/** The preview: this many next free slots, within this many days. */
const PREVIEW_SLOTS = 10;
const PREVIEW_DAYS = 14;
/** Day choices that stand for several weekly windows at once. */
const DAY_GROUPS: Record<string, readonly string[]> = {
  weekdays: WEEKDAYS.slice(0, 5),
  everyday: WEEKDAYS,
};

/** The stored availability as the form shows it (times in its own zone; 24:00 as a time input's 00:00). */
export function formValuesOf(a: Availability): AvailabilityFormValues {
  const local = (iso: string) => utcToZonedLocal(new Date(iso), a.timezone);
  const spans = (list: { start: string; end: string }[]) =>
    list.map((s) => ({ start: local(s.start), end: local(s.end) }));
  return {
    bookable: a.bookable,
    timezone: a.timezone,
    weekly: a.weekly.map((w) => ({ day: w.day, start: w.start, end: w.end === '24:00' ? '00:00' : w.end })),
    extra: spans(a.extra),
    blocked: spans(a.blocked),
    durations: a.durations.join(', '),
    slotStepMinutes: a.slotStepMinutes == null ? '' : String(a.slotStepMinutes),
    bufferBeforeMinutes: String(a.bufferBeforeMinutes),
    bufferAfterMinutes: String(a.bufferAfterMinutes),
    minimumNoticeMinutes: String(a.minimumNoticeMinutes),
    horizonDays: String(a.horizonDays),
    weeklyLimit: a.weeklyLimit == null ? '' : String(a.weeklyLimit),
    requiresApproval: a.requiresApproval,
    locationType: a.location?.type ?? '',
    address: a.location?.type === 'in_person' ? a.location.address : '',
    url: a.location?.type === 'link' ? a.location.url : '',
  };
}

type Body = Record<string, string | File | (string | File)[]>;

/** The submitted form (`parseBody({ all: true })`) as values, rows in the order they were shown. */
export function formValuesFrom(body: Body): AvailabilityFormValues {
  const all = (name: string) => {
    const value = body[name];
    return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? v.trim() : ''));
  };
  const one = (name: string) => all(name)[0] ?? '';
  const rows = (prefix: string) => {
    const ends = all(`${prefix}End`);
    return all(`${prefix}Start`).map((start, i) => ({ start, end: ends[i] ?? '' }));
  };
  const days = all('weeklyDay');
  return {
    bookable: one('bookable') === 'on',
    timezone: one('timezone'),
    weekly: rows('weekly').map((row, i) => ({ day: days[i] ?? '', ...row })),
    extra: rows('extra'),
    blocked: rows('blocked'),
    durations: one('durations'),
    slotStepMinutes: one('slotStepMinutes'),
    bufferBeforeMinutes: one('bufferBeforeMinutes'),
    bufferAfterMinutes: one('bufferAfterMinutes'),
    minimumNoticeMinutes: one('minimumNoticeMinutes'),
    horizonDays: one('horizonDays'),
    weeklyLimit: one('weeklyLimit'),
    requiresApproval: one('requiresApproval') === 'on',
    locationType: one('locationType'),
    address: one('address'),
    url: one('url'),
  };
}

/**
 * A one-off row's wall-clock time as an ISO instant, or why it cannot be one, in the page's
 * language: a date that does not exist (30 February), a time the clocks skip in the zone, or not a
 * date and time at all.
 */
function instantOf(local: string, zone: string): string | { message: string } {
  const { t } = pageText();
  try {
    return zonedLocalToUtc(local, zone).toISOString();
  } catch (error) {
    const time = local.replace('T', ' ');
    if (error instanceof ImpossibleLocalTimeError)
      return { message: t('booking.availability.errors.notARealTime', { time }) };
    if (error instanceof NonexistentLocalTimeError) {
      return { message: t('booking.availability.errors.skippedTime', { time, zone }) };
    }
    return {
      message: t(
        error instanceof Error ? 'booking.availability.errors.notADateTime' : 'booking.availability.errors.dateTime',
      ),
    };
  }
}

export type FormOutcome = { ok: true; availability: Availability } | { ok: false; errors: FieldErrors };

/**
 * The form's values as an availability document, or the message for each field at fault. Blank
 * rows are skipped; "Monday to Friday" and "Every day" become one window per day; a window ending
 * at 00:00 ends at midnight (24:00).
 */
export function availabilityFrom(v: AvailabilityFormValues): FormOutcome {
  const { locale, t } = pageText();
  const errors: Record<string, string> = {};
  const fail = (name: string, message: string) => {
    errors[name] ??= message;
  };
  const weekly: { day: string; start: string; end: string }[] = [];
  const weeklyRow: number[] = [];
  v.weekly.forEach((w, row) => {
    if (!w.day && !w.start && !w.end) return;
    if (!w.day || !w.start || !w.end) {
      fail(`weekly-${row}`, t('booking.availability.errors.rowIncomplete'));
      return;
    }
    const end = w.end === '00:00' ? '24:00' : w.end;
    for (const day of DAY_GROUPS[w.day] ?? [w.day]) {
      weekly.push({ day, start: w.start, end });
      weeklyRow.push(row);
    }
  });
  const zoneKnown = availabilitySchema.shape.timezone.safeParse(v.timezone).success;
  const spans = (name: 'extra' | 'blocked') => {
    const list: { start: string; end: string }[] = [];
    const rowOf: number[] = [];
    v[name].forEach((s, row) => {
      if (!s.start && !s.end) return;
      if (!s.start || !s.end) {
        fail(`${name}-${row}`, t('booking.availability.errors.spanIncomplete'));
        return;
      }
      if (!zoneKnown) return; // the zone's own error says why
      const start = instantOf(s.start, v.timezone);
      const end = instantOf(s.end, v.timezone);
      if (typeof start !== 'string') fail(`${name}-${row}`, start.message);
      else if (typeof end !== 'string') fail(`${name}-${row}`, end.message);
      else {
        list.push({ start, end });
        rowOf.push(row);
      }
    });
    return { list, rowOf };
  };
  const extra = spans('extra');
  const blocked = spans('blocked');
  const minutes = (name: keyof AvailabilityFormValues, optional = false) => {
    const value = String(v[name]);
    if (value === '' && optional) return null;
    if (/^\d{1,7}$/.test(value)) return Number(value);
    fail(name, t(value === '' ? 'booking.availability.errors.fillIn' : 'booking.availability.errors.wholeNumber'));
    return undefined;
  };
  const durationParts = v.durations.split(/[\s,]+/).filter(Boolean);
  if (durationParts.some((d) => !/^\d{1,4}$/.test(d))) fail('durations', t('booking.availability.errors.durations'));
  const document = {
    bookable: v.bookable,
    timezone: v.timezone,
    weekly,
    extra: extra.list,
    blocked: blocked.list,
    durations: durationParts.map(Number),
    slotStepMinutes: minutes('slotStepMinutes', true),
    bufferBeforeMinutes: minutes('bufferBeforeMinutes'),
    bufferAfterMinutes: minutes('bufferAfterMinutes'),
    minimumNoticeMinutes: minutes('minimumNoticeMinutes'),
    horizonDays: minutes('horizonDays'),
    weeklyLimit: minutes('weeklyLimit', true),
    requiresApproval: v.requiresApproval,
    location:
      v.locationType === 'zoom'
        ? { type: 'zoom' }
        : v.locationType === 'in_person'
          ? { type: 'in_person', address: v.address }
          : v.locationType === 'link'
            ? { type: 'link', url: v.url }
            : null,
  };
  const checked = availabilitySchema.safeParse(document);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const [first, second] = issue.path;
      const message = issueText(locale, issue);
      if (first === 'weekly' && typeof second === 'number') fail(`weekly-${weeklyRow[second]}`, message);
      else if ((first === 'extra' || first === 'blocked') && typeof second === 'number') {
        fail(`${first}-${(first === 'extra' ? extra : blocked).rowOf[second]}`, message);
      } else if (first === 'location')
        fail(second === 'address' || second === 'url' ? second : 'locationType', message);
      else if (first !== undefined) fail(String(first), message);
    }
  }
  if (Object.keys(errors).length > 0 || !checked.success) return { ok: false, errors };
  return { ok: true, availability: checked.data };
}

/**
 * The availability card for Manage: hosts only (they alone publish availability), with the form
 * (as submitted, when it was refused) and the next free slots as saved, in the host's zone.
 */
export async function availabilityCardFor(
  c: Context<AppEnv>,
  membership: Membership,
  kept?: { values: AvailabilityFormValues; errors: FieldErrors },
): Promise<Html | undefined> {
  if (membership.role !== 'host') return undefined;
  const { db } = c.var.deps.database;
  const [{ availability }, connection] = await Promise.all([
    myAvailability(db, membership),
    getConnectionSummary(db, membership.userId),
  ]);
  const now = c.var.deps.providerJobs.now().getTime();
  const durationMinutes = availability.durations[0]!;
  let preview: { start: number; end: number }[] | undefined;
  if (availability.bookable) {
    try {
      const found = await hostSlots(db, membership.ecosystemId, membership.userId, {
        from: now,
        to: now + PREVIEW_DAYS * DAY,
        now,
        durationMinutes,
      });
      preview = found.slots.slice(0, PREVIEW_SLOTS);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  return availabilityCard({
    membership,
    csrfToken: c.var.csrfToken,
    values: kept?.values ?? formValuesOf(availability),
    errors: kept?.errors,
    zoomReady: connection.status === 'connected' && membership.zoomForOthers,
    saved: { timezone: availability.timezone, durationMinutes, previewDays: PREVIEW_DAYS, preview },
  });
}
