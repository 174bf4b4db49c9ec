import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Card data, passwords and signatures never reach a log line. Redaction is by path (pino
 * `redact`), so every place that logs a request or a notification must log it under one of
 * these shapes: `params.*`, `request.params.*`, `body.*`, `query.*`, or top-level.
 */
const SECRET_KEYS = ['CARDCODE', 'CARDCVV', 'PASSWORD', 'HASH', 'password', 'cardNumber', 'cvv', 'pan'];
const CONTAINERS = ['', 'params.', 'request.params.', 'body.', 'query.', 'input.', 'card.', '*.'];

export const REDACT_PATHS = CONTAINERS.flatMap((prefix) => SECRET_KEYS.map((key) => `${prefix}${key}`));

export function createLogger(options: { level?: string; destination?: DestinationStream; name?: string } = {}): Logger {
  return pino(
    {
      name: options.name ?? 'comptoir',
      level: options.level ?? process.env.COMPTOIR_LOG_LEVEL ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    options.destination,
  );
}

export type { Logger };
