/**
 * The narrow contracts between the notification listener and the rest of core. The journal,
 * the vault and the gateway client implement them; this folder never imports those.
 */

export type MaybePromise<T> = T | Promise<T>;

/** A received parameter: a plain string, or a one-level map (`AMOUNTS[2015-01-01]=100`). */
export type ParamValue = string | Readonly<Record<string, string>>;
export type NotificationParams = Readonly<Record<string, ParamValue>>;

/**
 * Looks up the password (secret) of the account a notification names by IDENTIFIER.
 * Return `undefined` only when the IDENTIFIER is not an account of this desk (answered 404).
 * Throw when the password exists but cannot be read right now (vault locked): the listener
 * answers 500 so the gateway retries instead of giving up on a 404.
 */
export interface AccountSecrets {
  passwordFor(identifier: string): MaybePromise<string | undefined>;
}

/**
 * A notification whose HASH checked out, ready to be recorded. `params` is what arrived minus
 * HASH and CARDCVV, with CARDCODE masked to its last four digits, so a sink may store it as is.
 */
export interface ReceivedNotification {
  /** Dedupe key: equal for a replay of the same notification (see `notificationKey`). */
  readonly key: string;
  readonly identifier: string;
  /** Lower case, as the gateway spells it on requests. */
  readonly operationType: string;
  /** Four digits, as received. */
  readonly execCode: string;
  readonly transactionId?: string;
  readonly orderId?: string;
  readonly params: NotificationParams;
  /** UTC epoch ms. */
  readonly receivedAt: number;
  readonly method: 'GET' | 'POST';
}

/**
 * `applied`: recorded against its operation. `kept`: recorded durably, but its operation is
 * not known (or still waiting for its synchronous answer) yet. `duplicate`: already recorded,
 * nothing changed. All three are answered `OK`.
 */
export type SinkOutcome = 'applied' | 'kept' | 'duplicate';

/**
 * Records a verified notification durably before the listener answers `OK`. It must be
 * idempotent on `notification.key`. A throw (disk full, database locked) is answered 500 so
 * the gateway sends the notification again.
 */
export interface NotificationSink {
  record(notification: ReceivedNotification): MaybePromise<SinkOutcome>;
}

/** Structured logging, compatible with a pino logger. Never given card data or HASH values. */
export interface NotificationLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: NotificationLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
