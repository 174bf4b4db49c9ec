import type { Logger } from '../logging/logger.js';
import type { SandboxClock } from './sandbox-clock.js';
import { SandboxError } from './errors.js';
import type { FaultOptions, FaultSpec } from './faults.js';
import type { NotificationPolicy, SandboxAccountOptions, SandboxRules } from './types.js';

export interface SandboxOptions {
  readonly accounts: readonly SandboxAccountOptions[];
  /** Loopback by default; the sandbox has no authentication of its own. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Start a second listener ("secondary" host) sharing the ledger; 0 picks a free port. */
  readonly secondaryPort?: number;
  /** Business clock (epoch ms); `Date.now` by default. */
  readonly now?: SandboxClock;
  readonly notifications?: Partial<NotificationPolicy>;
  readonly rules?: Partial<SandboxRules>;
  /** Mirror the ledger to this JSON file (loaded at start if it exists). */
  readonly ledgerFile?: string;
  /** Where MAILTO exports are written; in memory only when absent. */
  readonly outboxDir?: string;
  /** Charge due instalments on a timer as well as before each request; 0 disables the timer. */
  readonly instalmentTickMs?: number;
  /** Faults active for the whole run from the start (same as `sandbox.faults.add`). */
  readonly faults?: ReadonlyArray<{ readonly fault: FaultSpec } & FaultOptions>;
  /** Bound on the request / notification / export logs kept in the ledger. */
  readonly maxLogEntries?: number;
  /**
   * Dalenys refuses a follow-up (capture, refund, void, alias payment) less than 5 minutes
   * after its reference transaction (fact sheet 3.1), with 2017. 300000 by default; 0 turns the
   * rule off for tests that need speed.
   */
  readonly followUpDelayMs?: number;
  /**
   * A 3-D Secure authentication nobody completes ends in 4009 after this long, and is notified,
   * so nothing stays pending for ever. 15 minutes by default.
   */
  readonly threeDSecureExpiryMs?: number;
  readonly logger?: Logger;
}

export const DEFAULT_NOTIFICATION_POLICY: NotificationPolicy = {
  mode: 'after',
  delayMs: 0,
  attempts: 5,
  intervalsMs: [1_000, 5_000, 30_000, 120_000],
  timeoutMs: 10_000,
};

/** Fact sheet 3.1: follow-ups at least 5 minutes after their reference transaction. */
const DEFAULT_FOLLOW_UP_DELAY_MS = 5 * 60_000;
const DEFAULT_THREE_D_SECURE_EXPIRY_MS = 15 * 60_000;

const DEFAULT_RULES: SandboxRules = {
  unknownIdentifierCode: '3001',
  parameterMessageNewline: false,
  requireClientReferrerForAlias: false,
  clientIp: 'ipv4',
  cardCodeMinLength: 12,
  cardCodeMaxLength: 19,
  addressMaxLength: 50,
  phoneMaxLength: 32,
  aliasMaxLength: 40,
  aliasFormat: 'uuid',
  nonEnrolledThreeDSecureOutcome: '0000',
  responseOperationTypeCase: 'lower',
  deferredIncludesTransactionId: false,
  csvLayout: 'current',
  settlementDelayDays: 1,
  reconciliationAcceptsDateRange: false,
  feeFixedMinor: 0,
  feeRateBasisPoints: 0,
  vatRateBasisPoints: 2_000,
};

const NOTIFICATION_MODES = ['after', 'before', 'twice', 'late', 'never'];

export function resolvePolicy(base: NotificationPolicy, patch: Partial<NotificationPolicy> = {}): NotificationPolicy {
  const policy = { ...base, ...patch };
  const nonNegative = (n: number) => Number.isFinite(n) && n >= 0;
  if (!NOTIFICATION_MODES.includes(policy.mode)) throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'unknown notification mode');
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1) throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'notification attempts must be at least 1');
  if (!nonNegative(policy.delayMs) || !nonNegative(policy.timeoutMs) || policy.timeoutMs === 0) {
    throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'notification delay and timeout must be positive');
  }
  if (policy.intervalsMs.length === 0 || !policy.intervalsMs.every(nonNegative)) {
    throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'notification intervals must be a non-empty list of delays');
  }
  return { ...policy, intervalsMs: [...policy.intervalsMs] };
}

export function resolveRules(patch: Partial<SandboxRules> = {}): SandboxRules {
  const rules = { ...DEFAULT_RULES, ...patch };
  if (rules.cardCodeMinLength < 1 || rules.cardCodeMaxLength < rules.cardCodeMinLength) {
    throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'card number length bounds are inconsistent');
  }
  if (rules.settlementDelayDays < 0) throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'delays must not be negative');
  return rules;
}

/** The two timing options, checked: a whole number of milliseconds (the expiry above 0). */
export function resolveTimings(options: Pick<SandboxOptions, 'followUpDelayMs' | 'threeDSecureExpiryMs'>): {
  followUpDelayMs: number;
  threeDSecureExpiryMs: number;
} {
  const followUpDelayMs = options.followUpDelayMs ?? DEFAULT_FOLLOW_UP_DELAY_MS;
  const threeDSecureExpiryMs = options.threeDSecureExpiryMs ?? DEFAULT_THREE_D_SECURE_EXPIRY_MS;
  if (!Number.isSafeInteger(followUpDelayMs) || followUpDelayMs < 0) {
    throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'followUpDelayMs must be a whole number of milliseconds, 0 or more');
  }
  if (!Number.isSafeInteger(threeDSecureExpiryMs) || threeDSecureExpiryMs < 1) {
    throw new SandboxError('SANDBOX_INVALID_OPTIONS', 'threeDSecureExpiryMs must be a whole number of milliseconds, 1 or more');
  }
  return { followUpDelayMs, threeDSecureExpiryMs };
}

export function validatePort(port: number | undefined, what: string): void {
  if (port === undefined) return;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new SandboxError('SANDBOX_INVALID_OPTIONS', `${what} must be an integer from 0 to 65535`);
}
