export * from './channels.js';
export * from './client.js';
export * from './define.js';
export * from './events.js';
export * from './operations.js';
export * from './result.js';
export * from './roles.js';
export * from './schemas.js';
export type { Transport } from './transport.js';
