import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/core/logging/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { logger: createLogger({ destination, level: 'trace' }), lines };
}

const PAN = '4111111111111111';

describe('logger redaction', () => {
  it('redacts secret names at the top level and up to three levels down', () => {
    const { logger, lines } = capture();
    logger.info({
      CARDCODE: PAN,
      params: { CARDCVV: '987', HASH: 'a'.repeat(64), AMOUNT: '100' },
      request: { params: { CARDCODE: PAN, PASSWORD: 'pw-secret' } },
      event: { request: { params: { HASH: 'b'.repeat(64) } } },
      card: { number: PAN, cvv: '987', holder: 'Jane' },
      account: { password: 'pw-secret' },
    });
    const line = lines.join('');
    for (const secret of [PAN, '987', 'a'.repeat(64), 'b'.repeat(64), 'pw-secret']) expect(line).not.toContain(secret);
    expect(line).toContain('"AMOUNT":"100"');
    expect(line).toContain('"holder":"Jane"');
    expect(line).toContain('[redacted]');
  });

  it('drops the request body and socket that HTTP client errors carry', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('timeout of 300ms exceeded'), {
      code: 'ECONNABORTED',
      config: { data: `method=payment&params%5BCARDCODE%5D=${PAN}` },
      request: { _header: 'POST /front/service/rest/process' },
      response: { data: PAN },
    });
    logger.error({ err: error }, 'call failed');
    logger.error({ error }, 'call failed');
    logger.error({ outcome: { config: { data: PAN } } }, 'nested');
    const text = lines.join('');
    expect(text).not.toContain(PAN);
    expect(text).toContain('ECONNABORTED');
    expect(text).toContain('timeout of 300ms exceeded');
  });
});
