/**
 * Per-process counters (Prometheus counters): a leaf every capability may count into, beside
 * logger.ts. src/ops/metrics.ts only serves them (with the database gauges) at /metrics.
 */
const counters = new Map<string, { help: string; values: Map<string, number> }>();

/** Increments a per-process counter, e.g. `countEvent('zoom_api_calls_total', 'Zoom calls', {operation, outcome})`. */
export function countEvent(name: string, help: string, labels: Record<string, string> = {}, by = 1): void {
  let counter = counters.get(name);
  if (!counter) counters.set(name, (counter = { help, values: new Map() }));
  const key = labelString(labels);
  counter.values.set(key, (counter.values.get(key) ?? 0) + by);
}

/** `{a="x",b="y"}` with the characters Prometheus forbids in values replaced. */
export function labelString(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

/** Every counter, for the exposition. */
export function countedEvents(): ReadonlyMap<string, { help: string; values: ReadonlyMap<string, number> }> {
  return counters;
}
