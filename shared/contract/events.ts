import type { z } from 'zod';
import type { EventName } from './channels.js';
import { defineEvent, type EventSpec } from './define.js';
import { ExportProgress } from './reports.js';
import { AppStatus } from './schemas.js';
import { OperationsChanged, OperationView } from './terminal.js';

/** Everything core pushes to the renderer, declared once. */
export const events = {
  'app.status': defineEvent({
    payload: AppStatus,
    summary: 'Environment, active account and notification health; sent on every change.',
  }),
  'operation.updated': defineEvent({
    payload: OperationView,
    summary: 'An operation changed, with its new view: an answer, a status lookup or a follow-up.',
  }),
  'operations.changed': defineEvent({
    payload: OperationsChanged,
    summary: 'Operations notifications changed, ids only, gathered over a moment: fetch the ones on screen.',
  }),
  'reports.exportProgress': defineEvent({
    payload: ExportProgress,
    summary: 'An export under way: rows written of the total, then done, failed or cancelled.',
  }),
} as const satisfies Record<EventName, EventSpec>;

type Events = typeof events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;
