import { beforeEach, describe, expect, it } from 'vitest';
import { denyAllPermissions, hardenApp, hardenWebContents } from '../../electron/main/hardening.js';
import { app, FakeSession, FakeWebContents, recorded, resetStandIn } from '../support/electron-stand-in.js';

function fire(contents: FakeWebContents, event: string, ...args: unknown[]): boolean {
  let prevented = false;
  const electronEvent = { preventDefault: () => (prevented = true), url: args[0] };
  contents.emit(event, electronEvent, ...args);
  return prevented;
}

describe('web contents hardening', () => {
  beforeEach(() => resetStandIn());

  it('refuses navigation away from app://comptoir and allows staying on it', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    expect(fire(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire(contents, 'will-navigate', 'app://other/index.html')).toBe(true);
    expect(fire(contents, 'will-navigate', 'app://comptoir/index.html')).toBe(false);
    expect(fire(contents, 'will-frame-navigate', 'https://evil.example/')).toBe(true);
  });

  it('refuses every redirect, every new window and every <webview>', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    expect(fire(contents, 'will-redirect', 'app://comptoir/index.html')).toBe(true);
    expect(fire(contents, 'will-attach-webview', {}, {})).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://comptoir/index.html' })).toEqual({ action: 'deny' });
  });

  it('is applied to every web contents the app creates, with the sandbox on for all', () => {
    hardenApp(app as never);
    expect(recorded.sandboxEnabled).toBe(true);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(fire(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
  });

  it('denies every permission request and check', () => {
    const session = new FakeSession();
    denyAllPermissions(session as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      session.permissionRequest?.({}, permission, (value) => (granted = value));
      expect(granted, permission).toBe(false);
      expect(session.permissionCheck?.({}, permission)).toBe(false);
    }
    expect(session.devicePermission?.({})).toBe(false);
    let streams: object | undefined;
    session.displayMedia?.({}, (value) => (streams = value));
    expect(streams).toEqual({});
  });
});
