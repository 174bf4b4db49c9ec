import type { CoreLink } from '../../shared/contract/core-link.js';
import { fail, type Result } from '../../shared/contract/result.js';
import { CORE_ERRORS } from '../../shared/errors/core.js';
import type { FromCoreHost, ToCoreHost } from '../core/host/host-messages.js';

/** The part of Electron's UtilityProcess this link uses (a stand-in in tests). */
export interface CoreProcess {
  postMessage(message: ToCoreHost): void;
  on(event: 'message', listener: (message: FromCoreHost) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

/**
 * CoreLink over the utility process's message port. If the core process dies, every call in
 * flight and every later call answers CORE_UNAVAILABLE instead of hanging the window.
 */
export function utilityProcessLink(child: CoreProcess): CoreLink & { ready: Promise<void>; forSession(session: string): CoreLink } {
  let nextId = 1;
  let alive = true;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const latest = new Map<string, unknown>();
  let markReady: () => void = () => undefined;
  let markFailed: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });

  child.on('message', (message: FromCoreHost) => {
    if (message.type === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.type === 'event') {
      latest.set(message.name, message.payload);
      for (const listener of listeners) listener(message.name, message.payload);
    } else if (message.type === 'ready') {
      markReady();
    } else if (message.type === 'failed') {
      markFailed(new Error(message.message));
    }
  });
  child.on('exit', () => {
    alive = false;
    markFailed(new Error('core process exited'));
    for (const resolve of pending.values()) resolve(fail('CORE_UNAVAILABLE', CORE_ERRORS.CORE_UNAVAILABLE.en));
    pending.clear();
  });

  const invokeAs = (session: string, channel: unknown, payload: unknown): Promise<Result<unknown>> => {
    if (!alive) return Promise.resolve(fail('CORE_UNAVAILABLE', CORE_ERRORS.CORE_UNAVAILABLE.en));
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      child.postMessage({ type: 'invoke', id, session, channel, payload });
    });
  };
  const subscribe = (listener: (event: string, payload: unknown) => void) => {
    listeners.add(listener);
    for (const [name, payload] of latest) listener(name, payload);
    return () => listeners.delete(listener);
  };
  return {
    ready,
    // Main's own calls, if any, are a session of their own, never a window's.
    invoke: (channel, payload) => invokeAs('main', channel, payload),
    forSession: (session) => ({ invoke: (channel, payload) => invokeAs(session, channel, payload), subscribe }),
    subscribe,
  };
}
