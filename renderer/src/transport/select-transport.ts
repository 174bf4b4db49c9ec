import { BRIDGE_GLOBAL, type ComptoirBridge } from '../../../shared/contract/bridge-api.js';
import type { Transport } from '../../../shared/contract/transport.js';
import { createElectronTransport } from './electron-transport.js';
import { createWebTransport } from './web-transport.js';

const TOKEN_KEY = 'comptoir.sessionToken';

/** The preload's bridge in the desktop app; otherwise web mode with this launch's token. */
export function selectTransport(win: Window = window): Transport | undefined {
  const bridge = (win as unknown as Record<string, ComptoirBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge) return createElectronTransport(bridge);
  const token = takeSessionToken(win);
  return token ? createWebTransport(token) : undefined;
}

/**
 * Web mode's token arrives once, in the link printed at start-up. It leaves the address bar at
 * once (history, bookmarks, a shared screen and the next Referer never see it) for this tab's
 * sessionStorage, so a reload keeps working; another tab, or a new launch, needs the printed
 * link again, and the page says so. sessionStorage belongs to this origin alone (scheme, host
 * and port): no other local server can read it, unlike a cookie for 127.0.0.1. It is a session
 * key, not card data, and is gone when the tab closes.
 */
export function takeSessionToken(win: Window): string | undefined {
  const url = new URL(win.location.href);
  const fromLink = url.searchParams.get('token');
  if (fromLink) {
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    try {
      win.sessionStorage.setItem(TOKEN_KEY, fromLink);
    } catch {
      // Storage refused (a locked-down browser): this load works, a reload asks for the link.
    }
    return fromLink;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
