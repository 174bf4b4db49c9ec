import { describe, expect, it } from 'vitest';
import { mainWindowOptions, secureWebPreferences } from '../../electron/main/window.js';

describe('main window settings', () => {
  it('turns on the sandbox and context isolation and every Node integration off', () => {
    const prefs = secureWebPreferences('/app/preload.cjs', false);
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('keeps those preferences in the window options and hides the window until ready', () => {
    const options = mainWindowOptions('/app/preload.cjs', true);
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual(secureWebPreferences('/app/preload.cjs', true));
  });
});
