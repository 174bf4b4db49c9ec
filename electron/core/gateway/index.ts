/**
 * The Dalenys server-to-server client: signing, encoding, transport with failover, response
 * parsing. The lead and the other capabilities import from here only.
 */
export { createGatewayClient, type GatewayClient, type GatewayClientOptions } from './client.js';
export {
  DALENYS_HOSTS,
  DEFAULT_PATHS,
  DEFAULT_VERSION,
  GatewayAccountConfig,
  GatewayHosts,
  isLoopbackHost,
  type HostRole,
} from './config.js';
export { GatewayClosedError, GatewayConfigError, GatewayInputError, type GatewayInputIssue } from './errors.js';
export { encodeForm } from './encoding.js';
export { frenchFor } from './messages.js';
export { changesState, METHOD_ENDPOINT, movesMoney, type GatewayEndpoint, type GatewayMethod } from './methods.js';
export { maskCardNumber, redactParams, type RedactedParams } from './redaction.js';
export { lookupRows, parseGatewayBody, type GatewayCardInfo, type GatewayResponse, type GatewayTransactionRow } from './response.js';
export type {
  AnsweredResult,
  FailedResult,
  FailureCode,
  GatewayAttempt,
  GatewayCallResult,
  GatewayRequestSummary,
  LookedUpResult,
  LookupVerdict,
  PendingResult,
  UnknownReason,
  UnknownResult,
} from './result.js';
export {
  ALIAS_MODES,
  AuthorizationInput,
  CaptureInput,
  COMPRESSIONS,
  createGatewaySchemas,
  CreditInput,
  ExportChargebacksInput,
  ExportReconciledTransactionsInput,
  ExportReconciliationInput,
  ExportTransactionsInput,
  GetTransactionsInput,
  LANGUAGES,
  PaymentInput,
  RefundInput,
  StopNTimesInput,
  THREE_D_SECURE_DISPLAY_MODES,
  THREE_D_SECURE_PREFERENCES,
  VoidInput,
  type GatewaySchemas,
} from './schemas.js';
export { signParams, signingString, verifySignature, SignatureInputError, type SignableParams } from './signature.js';
export { DEFAULT_TIMEOUTS, type GatewayTimeouts } from './transport.js';
export type { WireParams } from './wire-params.js';
