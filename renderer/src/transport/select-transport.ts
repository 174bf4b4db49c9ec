import { BRIDGE_GLOBAL, type ComptoirBridge } from '../../../shared/contract/bridge-api.js';
import type { Transport } from '../../../shared/contract/transport.js';
import { createElectronTransport } from './electron-transport.js';
import { createWebTransport } from './web-transport.js';

/** The preload's bridge in the desktop app; otherwise web mode with the URL's token. */
export function selectTransport(win: Window = window): Transport | undefined {
  const bridge = (win as unknown as Record<string, ComptoirBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge) return createElectronTransport(bridge);
  const token = new URLSearchParams(win.location.search).get('token');
  return token ? createWebTransport(token) : undefined;
}
