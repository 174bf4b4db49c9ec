import { SandboxError } from './errors.js';
import type { Endpoint } from './operation-rules.js';
import type { NotificationMode, ServerRole } from './types.js';

/**
 * Fault injection, per run (`always`), per matching request (`add` with a match on ORDERID,
 * method…) or one-shot (`next`). Faults that stop a request before processing leave no trace
 * in the ledger but the request record; faults after processing (timeout, 5004, and
 * `afterProcessing` errors and resets) leave a charged transaction behind, which is the point:
 * the client must find it by lookup rather than charge again.
 */
export type FaultSpec =
  /** Wait `ms` (and/or until `gate` settles) before processing, holding the reference lock. */
  | { readonly kind: 'latency'; readonly ms?: number; readonly gate?: PromiseLike<unknown> }
  /** Process and record, then never answer: the socket stays open until the client gives up. */
  | { readonly kind: 'timeout' }
  /** Reset the TCP connection once the body is read, before processing unless `afterProcessing`. */
  | { readonly kind: 'reset'; readonly afterProcessing?: boolean }
  /** Answer an HTTP error page (503 by default), before processing unless `afterProcessing`. */
  | { readonly kind: 'http-error'; readonly status?: number; readonly afterProcessing?: boolean; readonly body?: string }
  /** Answer 200 with a body that is not JSON, before processing unless `afterProcessing`. */
  | { readonly kind: 'non-json'; readonly status?: number; readonly afterProcessing?: boolean; readonly body?: string }
  /** Answer a platform EXECCODE without processing (5001/5003: use the backup URL). */
  | { readonly kind: 'platform-error'; readonly code: '5001' | '5002' | '5003' | '5005' }
  /** Process, answer 5004; the notification carries the real result. */
  | { readonly kind: 'deferred' }
  /** Force the bank's answer for this operation (e.g. decline an alias payment with 4002). */
  | { readonly kind: 'outcome'; readonly execCode: string }
  /** Notification behaviour for this request only. */
  | { readonly kind: 'notification'; readonly mode: NotificationMode; readonly delayMs?: number };

type FaultKind = FaultSpec['kind'];

interface FaultMatch {
  readonly orderId?: string | RegExp;
  /** The `method` (case-insensitive), e.g. `capture`. */
  readonly method?: string;
  readonly endpoint?: Endpoint;
  readonly identifier?: string;
}

export interface FaultOptions {
  /** Which listener the fault applies to; both by default. */
  readonly target?: ServerRole | 'any';
  readonly match?: FaultMatch;
  /** For `add`: how many matching requests it applies to (unlimited by default). */
  readonly times?: number;
}

export interface RequestFacts {
  readonly server: ServerRole;
  readonly endpoint: Endpoint;
  readonly method?: string;
  readonly orderId?: string;
  readonly identifier?: string;
}

type BeforeTerminal = Extract<FaultSpec, { kind: 'reset' | 'platform-error' | 'http-error' | 'non-json' }>;
type AfterTerminal = Extract<FaultSpec, { kind: 'timeout' | 'deferred' | 'http-error' | 'non-json' | 'reset' }>;

export interface AppliedFaults {
  readonly kinds: FaultKind[];
  latencyMs: number;
  readonly gates: PromiseLike<unknown>[];
  before?: BeforeTerminal;
  after?: AfterTerminal;
  outcome?: string;
  notification?: { readonly mode: NotificationMode; readonly delayMs?: number };
}

interface Rule {
  readonly id: number;
  readonly fault: FaultSpec;
  readonly options: FaultOptions;
  remaining: number;
}

function matches(options: FaultOptions, facts: RequestFacts): boolean {
  const target = options.target ?? 'any';
  if (target !== 'any' && target !== facts.server) return false;
  const match = options.match;
  if (match === undefined) return true;
  if (match.endpoint !== undefined && match.endpoint !== facts.endpoint) return false;
  if (match.identifier !== undefined && match.identifier !== facts.identifier) return false;
  if (match.method !== undefined && match.method.toLowerCase() !== facts.method?.toLowerCase()) return false;
  if (match.orderId !== undefined) {
    if (facts.orderId === undefined) return false;
    if (typeof match.orderId === 'string' ? match.orderId !== facts.orderId : !match.orderId.test(facts.orderId)) return false;
  }
  return true;
}

function validate(fault: FaultSpec, options: FaultOptions): void {
  const invalid = (detail: string) => new SandboxError('SANDBOX_INVALID_OPTIONS', detail);
  if (fault.kind === 'outcome' && !/^\d{4}$/.test(fault.execCode)) throw invalid('an outcome fault needs a four-digit EXECCODE');
  if (fault.kind === 'latency' && fault.ms !== undefined && !(fault.ms >= 0)) throw invalid('latency must not be negative');
  if (
    (fault.kind === 'http-error' || fault.kind === 'non-json') &&
    fault.status !== undefined &&
    !(Number.isInteger(fault.status) && fault.status >= 200 && fault.status <= 599)
  ) {
    throw invalid('the HTTP status of a fault must be from 200 to 599');
  }
  if (options.times !== undefined && !(Number.isInteger(options.times) && options.times >= 1)) throw invalid('times must be a positive integer');
}

function isAfterProcessing(fault: FaultSpec): boolean {
  if (fault.kind === 'timeout' || fault.kind === 'deferred') return true;
  if (fault.kind === 'http-error' || fault.kind === 'non-json' || fault.kind === 'reset') return fault.afterProcessing === true;
  return false;
}

export class Faults {
  private readonly rules: Rule[] = [];
  private readonly queue: Rule[] = [];
  private sequence = 0;

  /** Applies to every matching request of this run until removed or cleared. */
  always(fault: FaultSpec, options: Omit<FaultOptions, 'times'> = {}): () => void {
    return this.add(fault, options);
  }

  /** Applies to matching requests (`times` of them, or all); returns a remover. */
  add(fault: FaultSpec, options: FaultOptions = {}): () => void {
    validate(fault, options);
    const rule: Rule = { id: ++this.sequence, fault, options, remaining: options.times ?? Number.POSITIVE_INFINITY };
    this.rules.push(rule);
    return () => this.remove(this.rules, rule.id);
  }

  /** One-shot: the first matching request consumes it. Queued in order. */
  next(fault: FaultSpec, options: Omit<FaultOptions, 'times'> = {}): () => void {
    validate(fault, options);
    const rule: Rule = { id: ++this.sequence, fault, options, remaining: 1 };
    this.queue.push(rule);
    return () => this.remove(this.queue, rule.id);
  }

  /** One-shot faults not consumed yet. */
  pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.rules.length = 0;
    this.queue.length = 0;
  }

  /** Consumes and combines the faults that apply to one request. */
  resolve(facts: RequestFacts): AppliedFaults {
    const selected: FaultSpec[] = [];
    for (const rule of [...this.rules]) {
      if (rule.remaining <= 0 || !matches(rule.options, facts)) continue;
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.remove(this.rules, rule.id);
      selected.push(rule.fault);
    }
    const oneShot = this.queue.find((rule) => matches(rule.options, facts));
    if (oneShot !== undefined) {
      this.remove(this.queue, oneShot.id);
      selected.push(oneShot.fault);
    }
    const applied: AppliedFaults = { kinds: [], latencyMs: 0, gates: [] };
    for (const fault of selected) {
      applied.kinds.push(fault.kind);
      switch (fault.kind) {
        case 'latency':
          applied.latencyMs += fault.ms ?? 0;
          if (fault.gate !== undefined) applied.gates.push(fault.gate);
          break;
        case 'outcome':
          applied.outcome ??= fault.execCode;
          break;
        case 'notification':
          applied.notification ??= { mode: fault.mode, ...(fault.delayMs === undefined ? {} : { delayMs: fault.delayMs }) };
          break;
        default:
          if (isAfterProcessing(fault)) applied.after ??= fault as AfterTerminal;
          else applied.before ??= fault as BeforeTerminal;
      }
    }
    return applied;
  }

  private remove(list: Rule[], id: number): void {
    const index = list.findIndex((rule) => rule.id === id);
    if (index >= 0) list.splice(index, 1);
  }
}
