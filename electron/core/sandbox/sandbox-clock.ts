/**
 * Business time of the sandbox (authorization expiry, instalment dates, card expiry, export
 * dates). Injected so tests can move across days without waiting; retry back-off and latency
 * faults use real timers because they are about the network, not about the ledger.
 */
export type SandboxClock = () => number;

export const systemSandboxClock: SandboxClock = () => Date.now();

export interface ManualClock {
  readonly now: SandboxClock;
  set(epochMs: number): void;
  advance(ms: number): void;
}

export function createManualClock(startEpochMs: number): ManualClock {
  let current = startEpochMs;
  return {
    now: () => current,
    set: (epochMs) => {
      current = epochMs;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant in UTC. */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Midnight UTC of a `YYYY-MM-DD` string, or NaN when it is not a real calendar day. */
export function parseUtcDay(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return Number.NaN;
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(ms) || utcDay(ms) !== day) return Number.NaN;
  return ms;
}
