import { Writable } from 'node:stream';
import { createLogger } from '../../electron/core/logging/logger.js';

/** A real pino logger whose lines are kept in memory, so tests can read (or scan) them. */
export function memoryLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { logger: createLogger({ destination, level: 'debug' }), lines };
}
