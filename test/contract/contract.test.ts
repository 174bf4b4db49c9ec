import { describe, expect, it } from 'vitest';
import { contractSuite, normalise, PROBES } from './contract-suite.js';
import { electronTransport, memoryTransport, webTransport, type TransportUnderTest } from './transports.js';
import { vi } from 'vitest';

async function electron(): Promise<TransportUnderTest> {
  // The preload registers itself on import; each Electron transport needs a fresh copy.
  vi.resetModules();
  return electronTransport(() => import('../../electron/preload/index.js'));
}

contractSuite('in-memory', memoryTransport);
contractSuite('web', webTransport);
contractSuite('Electron', electron);

describe('the three transports', () => {
  it('give identical answers to the same calls, malformed and unknown ones included', async () => {
    const answers: unknown[][] = [];
    for (const open of [memoryTransport, webTransport, electron]) {
      const subject = await open();
      const row: unknown[] = [];
      for (const [channel, payload] of PROBES) row.push(normalise(await subject.transport.invoke(channel, payload)));
      answers.push(row);
      await subject.close();
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    // The probes do exercise failures, not only successes.
    expect(answers[0]?.filter((answer) => (answer as { ok: boolean }).ok === false).length).toBeGreaterThan(15);
  });
});
