import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Card data, passwords and signatures never reach a log line. Redaction is by path (pino
 * `redact`), so every place that logs a request or a notification must log it under a key;
 * the paths below catch the secret names at the top level and up to three levels down
 * (`params.CARDCODE`, `request.params.CARDCVV`, `event.request.params.HASH`, ...).
 *
 * Errors get a serializer that drops what HTTP client errors carry beside the message: axios
 * puts the request body (signed params, card number included) in `config.data`, and the
 * socket-level request in `request`.
 */
const SECRET_KEYS = ['CARDCODE', 'CARDCVV', 'PASSWORD', 'HASH', 'password', 'secret', 'cardNumber', 'cardCode', 'cvv', 'pan'];
const NESTING = ['', '*.', '*.*.', '*.*.*.'];
const EXTRA_PATHS = [
  'card.number',
  '*.card.number',
  '*.*.card.number',
  'config.data',
  '*.config.data',
  '*.*.config.data',
  'rawBody',
  '*.rawBody',
  'formBody',
  '*.formBody',
];

const REDACT_PATHS = [...NESTING.flatMap((prefix) => SECRET_KEYS.map((key) => `${prefix}${key}`)), ...EXTRA_PATHS];

const HTTP_ERROR_BAGGAGE = ['config', 'request', 'response', 'options'];

function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const out = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const key of HTTP_ERROR_BAGGAGE) delete out[key];
  return out;
}

export function createLogger(options: { level?: string; destination?: DestinationStream; name?: string } = {}): Logger {
  return pino(
    {
      name: options.name ?? 'comptoir',
      level: options.level ?? process.env.COMPTOIR_LOG_LEVEL ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError },
    },
    options.destination,
  );
}

export type { Logger };
