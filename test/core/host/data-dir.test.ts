import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../electron/core/host/data-dir.js';

describe('default data folder', () => {
  it('matches Electron userData for the product name on each platform', () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Comptoir');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ana')).toBe('/xdg/Comptoir');
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Comptoir');
    expect(defaultDataDir('win32', { APPDATA: 'C:/Users/ana/AppData/Roaming' }, 'C:/Users/ana')).toMatch(/Roaming[/\\]Comptoir$/);
  });
});
