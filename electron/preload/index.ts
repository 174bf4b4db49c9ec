import { contextBridge, ipcRenderer } from 'electron';
import type { ComptoirBridge } from '../../shared/contract/bridge-api.js';
import { EVENT_NAMES, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, OPERATION_NAMES, isEventName, type EventName } from '../../shared/contract/channels.js';

/*
 * The sandboxed preload: the only bridge between the page and Electron. It exposes one
 * function per contract operation and one subscriber per event. Core may send an event
 * before the page subscribes, so the latest value of each is kept and replayed.
 */
const latest = new Map<EventName, unknown>();
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (!isEventName(name)) return;
  latest.set(name, payload);
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const operations = Object.fromEntries(
  OPERATION_NAMES.map((name) => [name, (input?: unknown) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, input)]),
) as ComptoirBridge['operations'];

const events = Object.fromEntries(
  EVENT_NAMES.map((name) => [
    name,
    (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') return () => undefined;
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      if (latest.has(name)) listener(latest.get(name));
      return () => void set.delete(listener);
    },
  ]),
) as ComptoirBridge['events'];

const bridge: ComptoirBridge = Object.freeze({ operations: Object.freeze(operations), events: Object.freeze(events) });
contextBridge.exposeInMainWorld('comptoir', bridge);
