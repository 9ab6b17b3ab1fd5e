/**
 * Every suite that drives Zoom ends by showing no host holds overlapping meetings there: Zoom
 * schedules them, but a Basic or Pro host can run only one at a time (docs/zoom-facts.md §10.7).
 * In process the emulator's `control.overlaps()` answers; an emulator in another process (the
 * app's embedded one, the bench's) answers `GET /_emulator/overlaps`.
 */
import { describeOverlaps, type Overlap } from '../../zoom-emulator/overlaps.ts';

/** Pairs listed in a failure message; the count says how many more there are. */
const LISTED = 20;

/** The error a suite ends with when Zoom holds overlapping meetings; undefined when it holds none. */
export function overlapsError(overlaps: Overlap[]): Error | undefined {
  if (!overlaps.length) return undefined;
  const more = overlaps.length > LISTED ? `\n… and ${overlaps.length - LISTED} more` : '';
  return new Error(
    `Zoom holds ${overlaps.length} overlapping meeting pair(s) on one host; a Basic or Pro host can run only one meeting at a time (docs/zoom-facts.md §10.7):\n${describeOverlaps(overlaps.slice(0, LISTED))}${more}`,
  );
}

/** GET /_emulator/overlaps of an emulator in another process. */
export async function fetchOverlaps(emulatorUrl: string): Promise<Overlap[]> {
  const response = await fetch(`${emulatorUrl}/_emulator/overlaps`, { signal: AbortSignal.timeout(10_000) });
  if (response.status !== 200)
    throw new Error(`GET ${emulatorUrl}/_emulator/overlaps answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { items: Overlap[] }).items;
}

/** Throws (listing them) when the emulator at `emulatorUrl` holds overlapping meetings. */
export async function assertNoOverlapsAt(emulatorUrl: string): Promise<void> {
  const error = overlapsError(await fetchOverlaps(emulatorUrl));
  if (error) throw error;
}
