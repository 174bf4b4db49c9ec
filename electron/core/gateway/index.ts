/**
 * The Dalenys server-to-server client: signing, encoding, transport with failover, response
 * parsing. The lead and the other capabilities import from here only.
 */
export { createGatewayClient, type GatewayClient } from './client.js';
export { GatewayAccountConfig } from './config.js';
export { GatewayClosedError, GatewayConfigError, GatewayInputError } from './errors.js';
export { maskCardNumber, redactParams } from './redaction.js';
export { lookupRows } from './response.js';
export type { GatewayCallResult } from './result.js';
export { createGatewaySchemas } from './schemas.js';
export { DEFAULT_TIMEOUTS, type GatewayTimeouts } from './transport.js';
