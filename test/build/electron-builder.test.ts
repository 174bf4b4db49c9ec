import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function loadConfig(): Promise<Record<string, unknown>> {
  return parse(await readFile(`${root}/electron-builder.yml`, 'utf8')) as Record<string, unknown>;
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder’s own schema', async () => {
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as unknown as {
      validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(validateConfiguration(await loadConfig(), { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...(await loadConfig()), notAnOption: true }, { isEnabled: false, add: () => undefined })).rejects.toThrow();
  });

  it('packs into asar, with native modules unpacked', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('fr.comptoir.terminal');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**/*', '**/*.node']));
  });

  it('ships neither tests nor the web bridge', async () => {
    const files = (await loadConfig()).files as string[];
    expect(files).toContain('!dist/electron/web{,/**/*}');
    expect(files).toContain('!test{,/**/*}');
    expect(files.filter((pattern) => !pattern.startsWith('!')).every((pattern) => pattern === 'package.json' || pattern.startsWith('dist/'))).toBe(true);
  });

  it('compiles no development tool into dist: nothing shipped turns the journal’s safety off', async () => {
    // What tsconfig.node.json compiles is what `files` can pack; the seeder (journaling and
    // synchronous writes off, for speed) lives under test/ and must stay out of it.
    const parsed = ts.getParsedCommandLineOfConfigFile(`${root}/tsconfig.node.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    const compiled = parsed?.fileNames ?? [];
    expect(compiled.length).toBeGreaterThan(50);
    expect(compiled.filter((file) => /\/seed[^/]*\.ts$/.test(file))).toEqual([]);
    const unsafe: string[] = [];
    for (const file of compiled) {
      if (/(journal_mode|synchronous)\s*=\s*OFF/i.test(await readFile(file, 'utf8'))) unsafe.push(file);
    }
    expect(unsafe).toEqual([]);
  });

  it('targets AppImage and deb, NSIS and dmg', async () => {
    const config = await loadConfig();
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
  });

  it('sets the release fuses: no run-as-node, no NODE_OPTIONS or inspect, asar integrity enforced', async () => {
    expect((await loadConfig()).electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('points package.json main at the compiled composition root', async () => {
    const pkg = JSON.parse(await readFile(`${root}/package.json`, 'utf8')) as { main: string; devDependencies: Record<string, string> };
    expect(pkg.main).toBe('dist/electron/main/index.js');
    expect(pkg.devDependencies.electron).toBe('45.5.0');
  });
});
