import type { z } from 'zod';
import { createLogger, type Logger } from '../logging/logger.js';
import { resolveAccount, type GatewayAccountConfig, type GatewayHost, type HostRole } from './config.js';
import { encodeForm } from './encoding.js';
import { GatewayClosedError, GatewayConfigError, GatewayInputError } from './errors.js';
import { callWithFailover, type LookupPlan } from './failover.js';
import { changesState, METHOD_ENDPOINT, type GatewayMethod } from './methods.js';
import { redactParams } from './redaction.js';
import type { GatewayCallResult } from './result.js';
import {
  createGatewaySchemas,
  type AuthorizationInput,
  type CaptureInput,
  type CreditInput,
  type ExportChargebacksInput,
  type ExportReconciledTransactionsInput,
  type ExportReconciliationInput,
  type ExportTransactionsInput,
  type GetTransactionsInput,
  type PaymentInput,
  type RefundInput,
  type StopNTimesInput,
  type VoidInput,
} from './schemas.js';
import { signParams } from './signature.js';
import { DEFAULT_TIMEOUTS, GatewayTransport, type GatewayTimeouts } from './transport.js';
import { validateInput } from './validation.js';
import * as wire from './wire-params.js';

export interface GatewayClientOptions {
  /** Receives summaries only (operation, host, EXECCODE); pino redaction guards the rest. */
  readonly logger?: Logger;
  /** Per attempt; defaults 10 s to connect, 30 s in total (the SDKs' 30 s). */
  readonly timeouts?: Partial<GatewayTimeouts>;
  /** The clock for "today" rules (card expiry, instalment dates). */
  readonly now?: () => number;
  readonly userAgent?: string;
}

/**
 * One client per gateway account. Every method validates its input first and rejects with a
 * GatewayInputError before any socket is opened; past that point it never rejects: network
 * and gateway problems come back as a GatewayCallResult. A closed client rejects with
 * GatewayClosedError. A state-changing request is never sent twice to a host, and goes to the
 * secondary after a doubtful answer only once a lookup by its ORDERID showed nothing was
 * recorded (`failover.ts`).
 */
export interface GatewayClient {
  readonly identifier: string;
  readonly hosts: ReadonlyArray<{ readonly role: HostRole; readonly origin: string }>;
  payment(input: PaymentInput): Promise<GatewayCallResult>;
  authorization(input: AuthorizationInput): Promise<GatewayCallResult>;
  capture(input: CaptureInput): Promise<GatewayCallResult>;
  refund(input: RefundInput): Promise<GatewayCallResult>;
  void(input: VoidInput): Promise<GatewayCallResult>;
  credit(input: CreditInput): Promise<GatewayCallResult>;
  stopNTimes(input: StopNTimesInput): Promise<GatewayCallResult>;
  getTransactions(input: GetTransactionsInput): Promise<GatewayCallResult>;
  exportTransactions(input: ExportTransactionsInput): Promise<GatewayCallResult>;
  exportChargebacks(input: ExportChargebacksInput): Promise<GatewayCallResult>;
  exportReconciliation(input: ExportReconciliationInput): Promise<GatewayCallResult>;
  exportReconciledTransactions(input: ExportReconciledTransactionsInput): Promise<GatewayCallResult>;
  /** Refuses new calls, lets calls in flight finish (each is bounded by its timeouts), then closes sockets. */
  close(): Promise<void>;
}

const MAX_TIMEOUT_MS = 10 * 60_000;

function resolveTimeouts(partial: Partial<GatewayTimeouts> | undefined): GatewayTimeouts {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...partial };
  for (const key of ['connectMs', 'totalMs'] as const) {
    const value = timeouts[key];
    if (!Number.isInteger(value) || value < 1 || value > MAX_TIMEOUT_MS) {
      throw new GatewayConfigError('GATEWAY_INVALID_CONFIG', `timeouts.${key}`, `must be a whole number of milliseconds between 1 and ${MAX_TIMEOUT_MS}`);
    }
  }
  return timeouts;
}

export function createGatewayClient(config: GatewayAccountConfig, options: GatewayClientOptions = {}): GatewayClient {
  const account = resolveAccount(config);
  const timeouts = resolveTimeouts(options.timeouts);
  const schemas = createGatewaySchemas(options.now ?? (() => Date.now()));
  const transport = new GatewayTransport({ timeouts, userAgent: options.userAgent ?? 'Comptoir' });
  const logger = (options.logger ?? createLogger({ level: 'silent' })).child({ component: 'gateway', identifier: account.identifier });
  const accountParams: wire.AccountParams = { identifier: account.identifier, version: account.version };
  const inFlight = new Set<Promise<GatewayCallResult>>();
  let closed = false;

  /** Validates, builds, signs and encodes one request: the only way a body is made. */
  function prepare<S extends z.ZodType>(method: GatewayMethod, schema: S, input: unknown, toParams: (parsed: z.output<S>) => wire.WireParams) {
    const params = toParams(validateInput(method, schema, input));
    const path = account.paths[METHOD_ENDPOINT[method]];
    const body = encodeForm(method, { ...params, HASH: signParams(params, account.password) });
    return { params, path, body, request: { method, path, params: redactParams(params) } };
  }

  /**
   * The getTransactions that can tell whether a state-changing request was recorded, signed in
   * advance by the same path. None without an ORDERID (stopntimes), nor for one the lookup
   * cannot ask on its own (a `;` would split it into two ids): such a request's doubt stays
   * `unknown`.
   */
  function lookupPlan(params: wire.WireParams): LookupPlan | undefined {
    const orderId = params.ORDERID;
    if (typeof orderId !== 'string') return undefined;
    try {
      const { path, body } = prepare('getTransactions', schemas.GetTransactions, { orderIds: [orderId] }, (p) => wire.getTransactionsParams(accountParams, p));
      return { orderId, path, body };
    } catch (error) {
      if (error instanceof GatewayInputError) return undefined;
      throw error;
    }
  }

  function call<S extends z.ZodType>(
    method: GatewayMethod,
    schema: S,
    input: unknown,
    toParams: (parsed: z.output<S>) => wire.WireParams,
  ): Promise<GatewayCallResult> {
    try {
      if (closed) throw new GatewayClosedError();
      const { params, path, body, request } = prepare(method, schema, input, toParams);
      logger.debug({ operation: method, request }, 'gateway request');
      const hosts: readonly GatewayHost[] = account.hosts;
      const changes = changesState(method);
      const lookup = changes ? lookupPlan(params) : undefined;
      const pending = callWithFailover(transport, { method, path, body, hosts, changesState: changes, request, ...(lookup ? { lookup } : {}) }, logger);
      inFlight.add(pending);
      const settle = (): void => {
        inFlight.delete(pending);
      };
      pending.then(settle, settle);
      return pending;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  return {
    identifier: account.identifier,
    hosts: account.hosts.map((host) => ({ role: host.role, origin: host.origin })),
    payment: (input) => call('payment', schemas.Payment, input, (p) => wire.paymentParams(accountParams, p)),
    authorization: (input) => call('authorization', schemas.Authorization, input, (p) => wire.authorizationParams(accountParams, p)),
    capture: (input) => call('capture', schemas.Capture, input, (p) => wire.followUpParams(accountParams, 'capture', p)),
    refund: (input) => call('refund', schemas.Refund, input, (p) => wire.followUpParams(accountParams, 'refund', p)),
    void: (input) => call('void', schemas.Void, input, (p) => wire.followUpParams(accountParams, 'void', p)),
    credit: (input) => call('credit', schemas.Credit, input, (p) => wire.creditParams(accountParams, p)),
    stopNTimes: (input) => call('stopntimes', schemas.StopNTimes, input, (p) => wire.stopNTimesParams(accountParams, p)),
    getTransactions: (input) => call('getTransactions', schemas.GetTransactions, input, (p) => wire.getTransactionsParams(accountParams, p)),
    exportTransactions: (input) =>
      call('exportTransactions', schemas.ExportTransactions, input, (p) => wire.exportTransactionsParams(accountParams, 'exportTransactions', p)),
    exportChargebacks: (input) =>
      call('exportChargebacks', schemas.ExportChargebacks, input, (p) => wire.exportTransactionsParams(accountParams, 'exportChargebacks', p)),
    exportReconciliation: (input) =>
      call('exportReconciliation', schemas.ExportReconciliation, input, (p) => wire.exportReconciliationParams(accountParams, p)),
    exportReconciledTransactions: (input) =>
      call('exportReconciledTransactions', schemas.ExportReconciledTransactions, input, (p) => wire.exportReconciledTransactionsParams(accountParams, p)),
    async close() {
      closed = true;
      await Promise.allSettled([...inFlight]);
      transport.close();
    },
  };
}
