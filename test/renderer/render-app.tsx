import { cleanup, render } from '@testing-library/react';
import { createClient } from '../../shared/contract/client.js';
import type { OperationName } from '../../shared/contract/channels.js';
import type { CoreLink } from '../../shared/contract/core-link.js';
import { createMemoryTransport } from '../../shared/contract/memory-transport.js';
import type { SettingsPatch } from '../../shared/contract/settings.js';
import { Root } from '../../renderer/src/app/root.js';
import { GATEWAY_ADMIN } from '../support/gateway-stub.js';
import { startCore, type StartCoreOptions, type TestCore } from '../support/start-core.js';

export interface AppOptions extends StartCoreOptions {
  /** Saved before the first render, as a desk that was set up earlier opens. */
  readonly settings?: SettingsPatch;
}

interface Call {
  readonly channel: OperationName;
  /** What the screen sent, as it crossed the boundary. */
  readonly input: unknown;
}

/**
 * What the screen asks of core, on its way: every call, in order; the calls core refused as
 * invalid input (a test that ends with any has found a screen bug); and a gate that holds
 * the screen's submissions, as a slow network would. Core itself is the real one.
 */
function watchedLink(link: CoreLink) {
  const calls: Call[] = [];
  const violations: string[] = [];
  let gate: Promise<void> | undefined;
  const watched: CoreLink = {
    async invoke(channel, payload) {
      calls.push({ channel: channel as OperationName, input: payload });
      if (channel === 'payments.submit' && gate) await gate;
      const result = await link.invoke(channel, payload);
      if (!result.ok && result.error.code === 'INVALID_INPUT') violations.push(`${String(channel)}: ${JSON.stringify(result.error.issues ?? [])}`);
      return result;
    },
    subscribe: (listener) => link.subscribe(listener),
  };
  return {
    link: watched,
    calls,
    violations,
    /** Holds every payments.submit until the returned function is called. */
    hold(): () => void {
      let release = (): void => undefined;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

/**
 * The whole renderer over the in-memory transport, with a real core on a temp folder (its
 * journal, listener and built-in sandbox: `startCore`). `close()` unmounts, closes core and
 * fails if the screen ever sent something the contract refuses.
 */
export async function renderApp(options: AppOptions = {}) {
  const { settings, ...coreOptions } = options;
  const started: TestCore = await startCore({ version: '4.5.6', ...coreOptions });
  if (settings) await started.invoke('settings.update', settings);
  // The screen is a desk of its own, as a window or a web link is: a fresh core's desk is its administrator.
  const screen = started.core.linkFor({ session: 'screen', transport: 'memory' });
  // A desk set up with a real account has its administrator (`addGatewayAccount`): the screen is signed in as them.
  const session = await screen.invoke('session.get', undefined);
  if (session.ok && !(session.value as { desk: boolean }).desk) await screen.invoke('session.signIn', GATEWAY_ADMIN);
  const watched = watchedLink(screen);
  render(<Root client={createClient(createMemoryTransport(watched.link))} />);
  return {
    ...started,
    calls: watched.calls,
    violations: watched.violations,
    hold: watched.hold,
    /** The inputs of the screen's calls to `channel`, in order. */
    callsTo: (channel: OperationName) => watched.calls.filter((call) => call.channel === channel).map((call) => call.input),
    async close(): Promise<void> {
      cleanup();
      await started.close();
      if (watched.violations.length > 0) throw new Error(`the screen sent what the contract refuses: ${watched.violations.join('; ')}`);
    },
  };
}

export type RenderedApp = Awaited<ReturnType<typeof renderApp>>;
