import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { utilityProcessLink } from '../../electron/main/core-process.js';

class FakeChild extends EventEmitter {
  readonly posted: Array<{ type: string; id?: number }> = [];
  postMessage(message: { type: string; id?: number }) {
    this.posted.push(message);
  }
}

describe('utility process link', () => {
  it('matches answers to calls by id, whatever their order', async () => {
    const child = new FakeChild();
    const link = utilityProcessLink(child as never);
    const first = link.invoke('settings.get', undefined);
    const second = link.invoke('app.info', undefined);
    const [a, b] = child.posted;
    child.emit('message', { type: 'result', id: b?.id, result: { ok: true, value: 'second' } });
    child.emit('message', { type: 'result', id: a?.id, result: { ok: true, value: 'first' } });
    expect(await first).toEqual({ ok: true, value: 'first' });
    expect(await second).toEqual({ ok: true, value: 'second' });
  });

  it('answers CORE_UNAVAILABLE for calls in flight and after the core process dies', async () => {
    const child = new FakeChild();
    const link = utilityProcessLink(child as never);
    link.ready.catch(() => undefined);
    const inFlight = link.invoke('settings.get', undefined);
    child.emit('exit', 1);
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'CORE_UNAVAILABLE' } });
    expect(await link.invoke('settings.get', undefined)).toMatchObject({ ok: false, error: { code: 'CORE_UNAVAILABLE' } });
    await expect(link.ready).rejects.toThrow(/exited/);
  });

  it('replays the latest event to a late subscriber', () => {
    const child = new FakeChild();
    const link = utilityProcessLink(child as never);
    child.emit('message', { type: 'event', name: 'app.status', payload: { n: 1 } });
    child.emit('message', { type: 'event', name: 'app.status', payload: { n: 2 } });
    const seen: unknown[] = [];
    link.subscribe((name, payload) => seen.push([name, payload]));
    expect(seen).toEqual([['app.status', { n: 2 }]]);
  });
});
