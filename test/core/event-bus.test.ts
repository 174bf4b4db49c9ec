import { describe, expect, it } from 'vitest';
import { EventBus } from '../../electron/core/event-bus.js';

describe('event bus', () => {
  it('tells every listener even when one throws, and reports the failure instead of failing the emitter', () => {
    const failures: string[] = [];
    const bus = new EventBus((error, name) => failures.push(`${name}: ${(error as Error).message}`));
    const heard: string[] = [];
    bus.subscribe((name) => heard.push(`first ${name}`));
    bus.subscribe(() => {
      throw new Error('window closed');
    });
    bus.subscribe((name) => heard.push(`third ${name}`));
    expect(() => bus.emit('operations.changed', { ids: [1] })).not.toThrow();
    expect(heard).toEqual(['first operations.changed', 'third operations.changed']);
    expect(failures).toEqual(['operations.changed: window closed']);
  });

  it('replays the latest of each event to a new listener, isolated the same way', () => {
    const failures: string[] = [];
    const bus = new EventBus((_error, name) => failures.push(name));
    bus.emit('operations.changed', { ids: [1] });
    bus.emit('operations.changed', { ids: [2] });
    const heard: unknown[] = [];
    bus.subscribe((name, payload) => heard.push([name, payload]));
    expect(heard).toEqual([['operations.changed', { ids: [2] }]]);
    bus.subscribe(() => {
      throw new Error('not ready');
    });
    expect(failures).toEqual(['operations.changed']);
  });
});
