import { NotificationHealth } from '../../../../electron/core/notifications/health.js';
import { startNotificationListener, type ListenerOptions, type NotificationListener } from '../../../../electron/core/notifications/listener.js';
import type { AccountSecrets } from '../../../../electron/core/notifications/types.js';
import { MemorySink } from './memory-sink.js';
import { ACCOUNT, OTHER_ACCOUNT, OTHER_PASSWORD, PASSWORD } from './notifications.js';

export const secrets: AccountSecrets = {
  passwordFor: (identifier) => ({ [ACCOUNT]: PASSWORD, [OTHER_ACCOUNT]: OTHER_PASSWORD })[identifier],
};

export interface Harness {
  listener: NotificationListener;
  sink: MemorySink;
  health: NotificationHealth;
  port: number;
}

/** Starts a listener on 127.0.0.1:0 and registers it for `closeAll`. */
export async function startHarness(open: Harness[], overrides: Partial<ListenerOptions> = {}): Promise<Harness> {
  const sink = new MemorySink();
  const health = overrides.health ?? new NotificationHealth({ coalesceMs: 0 });
  const listener = await startNotificationListener({ secrets, sink, ...overrides, health });
  const harness = { listener, sink: (overrides.sink as MemorySink | undefined) ?? sink, health, port: listener.port };
  open.push(harness);
  return harness;
}

export async function closeAll(open: Harness[]): Promise<void> {
  await Promise.all(open.splice(0).map((h) => h.listener.close()));
}
