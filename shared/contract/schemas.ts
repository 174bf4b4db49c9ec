import { z } from 'zod';

/** An operation that takes nothing accepts `undefined` or `{}` and nothing else. */
export const NoInput = z.object({}).strict().optional();

export const Environment = z.enum(['test', 'live']);
export type Environment = z.infer<typeof Environment>;

export const Locale = z.enum(['en', 'fr']);
export type Locale = z.infer<typeof Locale>;

/** An IANA time zone this runtime knows (`Europe/Paris`, `UTC`). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z.string().min(1).max(64).refine(isTimeZone, { message: 'Unknown time zone' });

const ListenerState = z.enum(['off', 'starting', 'listening', 'failed']);
type ListenerState = z.infer<typeof ListenerState>;

export const AppStatus = z.object({
  environment: Environment,
  activeAccount: z.object({ id: z.string(), name: z.string(), environment: Environment }).nullable(),
  startedAt: z.number().int(),
  notifications: z.object({
    state: ListenerState,
    url: z.string().nullable(),
    lastReceivedAt: z.number().int().nullable(),
    /** Last notification per account (IDENTIFIER → UTC ms): a silent account stands out. */
    lastReceivedByAccount: z.record(z.string(), z.number().int()),
    awaitingConfirmation: z.number().int().min(0),
  }),
  /**
   * The journal's integrity check, run after start-up in a thread of its own so the desk
   * shows at once: `failed` when it found the file damaged (the screen says so), `unavailable`
   * when it could not run. Absent from a core that checks before opening.
   */
  journalCheck: z.enum(['running', 'ok', 'failed', 'unavailable']).optional(),
});
export type AppStatus = z.infer<typeof AppStatus>;
