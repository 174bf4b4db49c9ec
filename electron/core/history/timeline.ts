import type { TimelineEntry } from '../../../shared/contract/history.js';
import type { JournalEvent } from '../journal/index.js';

type Scalar = string | number | boolean | null;

/** Keys of a detail at most: an event with more (a gateway's long answer) shows its first ones. */
const MAX_FIELDS = 60;
const MAX_DEPTH = 2;

function flatten(value: unknown, prefix: string, depth: number, into: Record<string, Scalar>): void {
  if (Object.keys(into).length >= MAX_FIELDS) return;
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    into[prefix] = value;
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value) || depth >= MAX_DEPTH) {
    into[prefix] = JSON.stringify(value);
    return;
  }
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) flatten(inner, prefix === '' ? key : `${prefix}.${key}`, depth + 1, into);
}

/**
 * An event as the detail view lists it: its fields flattened to `a.b` keys. The journal
 * stores no card data (the request is redacted before it is recorded, gateway fields are
 * kept by allow-list and masked), so nothing is taken out here; what is shown is what the
 * journal holds.
 */
export function toTimelineEntry(event: JournalEvent): TimelineEntry {
  const detail: Record<string, Scalar> = {};
  flatten(event.payload, '', 0, detail);
  const execCode = typeof event.payload.execCode === 'string' ? event.payload.execCode : null;
  return { id: event.id, kind: event.kind, at: event.at, execCode, detail };
}
