import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ZoomStatus } from '../../db/schema.ts';
import type { MeetingView } from '../../meetings/meetingQueries.ts';
import { ZOOM_STATES, zoomBadge, zoomBadgeWithMeaning, zoomStatePanel, type ZoomViewer } from './zoomStatus.ts';

const record = (status: ZoomStatus): MeetingView => ({
  id: '00000000-0000-4000-8000-000000000001',
  ecosystemId: '00000000-0000-4000-8000-000000000002',
  kind: 'booking',
  title: 'Pitch review',
  description: '',
  startTime: '2031-01-01T10:00:00.000Z',
  durationMinutes: 30,
  timezone: 'UTC',
  status: status === 'deleting' || status === 'deleted' || status === 'orphaned' ? 'cancelled' : 'scheduled',
  sequence: 0,
  host: { id: 'h', name: 'Hana', email: 'hana@example.com' },
  createdBy: 'h',
  location: { type: 'zoom' },
  attendees: [],
  zoom: { status },
  createdAt: '2030-12-01T10:00:00.000Z',
});

const decode = (s: string) =>
  s
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/&amp;/g, '&')
    .replace(/&gt;/g, '>');

test('every Zoom state (docs/product.md §9) but not_applicable has a badge, one line of meaning and an action for each viewer', async () => {
  const states: ZoomStatus[] = [
    'pending',
    'created',
    'waiting_for_reconnect',
    'waiting_for_daily_limit',
    'failed',
    'deleting',
    'deleted',
    'orphaned',
  ];
  assert.deepEqual(Object.keys(ZOOM_STATES).sort(), [...states].sort());
  for (const status of states) {
    const text = ZOOM_STATES[status as Exclude<ZoomStatus, 'not_applicable'>];
    assert.doesNotMatch(text.meaning, /\n/, `${status}: one line`);
    const badge = String(await zoomBadge(status));
    assert.match(badge, new RegExp(`class="badge ${text.tone}" data-zoom-status="${status}"`));
    assert.ok(decode(badge).includes(text.label), status);
    for (const [viewer, action] of [
      ['host', text.hostAction],
      ['manager', text.managerAction],
      ['attendee', text.attendeeNote],
    ] as [ZoomViewer, string][]) {
      const panel = decode(String(await zoomStatePanel(record(status), viewer)));
      assert.ok(panel.includes(text.meaning), `${status}/${viewer}: meaning`);
      assert.ok(panel.includes(action), `${status}/${viewer}: action`);
    }
  }
  assert.equal(String(await zoomBadge('not_applicable')), '');
});

test('the host is sent to Manage where reconnecting happens; others are not', async () => {
  const host = String(await zoomStatePanel(record('waiting_for_reconnect'), 'host'));
  assert.match(host, /href="\/ecosystems\/00000000-0000-4000-8000-000000000002\/lets-meet\/manage"/);
  for (const viewer of ['manager', 'attendee'] as const) {
    assert.doesNotMatch(String(await zoomStatePanel(record('waiting_for_reconnect'), viewer)), /href=/, viewer);
  }
});

test('lists show the meaning under the badge only for states that wait for somebody', async () => {
  assert.match(decode(String(await zoomBadgeWithMeaning(record('waiting_for_daily_limit')))), /after 00:00 UTC/);
  assert.doesNotMatch(String(await zoomBadgeWithMeaning(record('created'))), /muted/);
  assert.equal(
    String(await zoomBadgeWithMeaning({ ...record('created'), location: { type: 'link', url: 'https://x.example' } })),
    '',
  );
});
