import type { StatusLookup, StatusQuery, StatusRow } from '../../../../electron/core/notifications/polling-bridge.js';
import type { FakeClock } from './fake-clock.js';

interface Call {
  at: number;
  accountId: string;
  query: StatusQuery;
}

/**
 * A gateway stand-in for fake-clock tests of the polling bridge (real HTTP cannot run on a
 * fake clock): answers from a table of rows keyed by TRANSACTIONID or ORDERID, records every
 * call, and fails the next `failNext` calls as a timeout would.
 */
export class FakeLookup implements StatusLookup {
  readonly calls: Call[] = [];
  readonly results = new Map<string, StatusRow>();
  failNext = 0;

  constructor(private readonly clock: FakeClock) {}

  lookup(accountId: string, query: StatusQuery): Promise<readonly StatusRow[]> {
    this.calls.push({ at: this.clock.now(), accountId, query });
    if (this.failNext > 0) {
      this.failNext -= 1;
      return Promise.reject(Object.assign(new Error('timeout'), { code: 'GATEWAY_TIMEOUT' }));
    }
    const ids = [...(query.transactionIds ?? []), ...(query.orderIds ?? [])];
    return Promise.resolve(
      ids.flatMap((id) => {
        const row = this.results.get(id);
        return row ? [row] : [];
      }),
    );
  }
}
