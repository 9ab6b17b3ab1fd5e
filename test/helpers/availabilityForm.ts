/** The availability form (Lets Meet → Manage) as a browser posts it, for tests of its pages. */
import type { Client } from './testApp.ts';

/** The availability form as a browser sends it: every row's inputs, empty ones included. */
export function availabilityForm(overrides: Record<string, string | string[]> = {}): [string, string][] {
  const fields: Record<string, string | string[]> = {
    bookable: 'on',
    timezone: 'UTC',
    weeklyDay: ['everyday', '', ''],
    weeklyStart: ['09:00', '', ''],
    weeklyEnd: ['11:00', '', ''],
    extraStart: [''],
    extraEnd: [''],
    blockedStart: [''],
    blockedEnd: [''],
    durations: '30, 60',
    slotStepMinutes: '',
    bufferBeforeMinutes: '0',
    bufferAfterMinutes: '0',
    minimumNoticeMinutes: '0',
    horizonDays: '60',
    weeklyLimit: '',
    locationType: 'in_person',
    address: 'Lapinlahdenkatu 16',
    url: '',
    ...overrides,
  };
  return Object.entries(fields).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]),
  );
}

/** Posts form fields that repeat (rows), with the CSRF token of `fromPage`. */
export async function postPairs(client: Client, path: string, pairs: [string, string][], fromPage: string) {
  return client.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([['_csrf', await client.csrfToken(fromPage)], ...pairs]).toString(),
  });
}
