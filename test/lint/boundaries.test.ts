import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports' || message.ruleId === 'no-restricted-syntax')
    .map((message) => message.message);
}

describe('architecture boundaries (ESLint)', () => {
  it('fires when electron is imported into core, the web bridge, shared or the renderer', async () => {
    for (const file of ['electron/core/gateway/violation.ts', 'electron/web/violation.ts', 'shared/contract/violation.ts', 'renderer/src/violation.tsx']) {
      expect(await restrictedImports("import { app } from 'electron';\nexport const x = app;\n", file), file).toHaveLength(1);
      expect(await restrictedImports("import { ipcMain } from 'electron/main';\nexport const x = ipcMain;\n", file), file).toHaveLength(1);
      expect(await restrictedImports("const e = require('electron');\nexport const x = e;\n", file), file).toHaveLength(1);
      expect(await restrictedImports("export const e = await import('electron');\n", file), file).toHaveLength(1);
    }
  });

  it('fires when a Node built-in is imported into shared or the renderer', async () => {
    for (const file of ['shared/domain/violation.ts', 'renderer/src/violation.ts']) {
      for (const name of ['node:fs', 'fs', 'crypto', 'node:crypto', 'path', 'fs/promises', 'child_process']) {
        expect(await restrictedImports(`import x from '${name}';\nexport const y = x;\n`, file), `${name} in ${file}`).toHaveLength(1);
      }
    }
  });

  it('does not mistake our own folders for Node built-ins of the same name', async () => {
    for (const name of ['../domain/card.js', './domain/money.js', '../events/bus.js', '../../shared/domain/exec-code-meanings.js']) {
      expect(await restrictedImports(`import x from '${name}';\nexport const y = x;\n`, 'shared/contract/ok.ts'), name).toEqual([]);
    }
  });

  it('fires when the renderer selects an element by data-testid, and lets it set one', async () => {
    const file = 'renderer/src/features/violation.tsx';
    expect(await restrictedImports('export const x = () => document.querySelector(\'[data-testid="review-button"]\');\n', file)).toHaveLength(1);
    expect(await restrictedImports('const id = 1;\nexport const x = () => document.body.closest(`[data-testid="${id}"]`);\n', file)).toHaveLength(1);
    expect(await restrictedImports('export const X = () => <button data-testid="review-button" />;\n', file)).toEqual([]);
  });

  it('holds the renderer to the rules of React hooks, a missing dependency included', async () => {
    const lint = async (code: string) => {
      const [result] = await eslint.lintText(code, { filePath: 'renderer/src/features/violation.tsx' });
      return (result?.messages ?? []).filter((message) => message.severity === 2).map((message) => message.ruleId);
    };
    const conditional = "import { useState } from 'react';\nexport function X({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n";
    expect(await lint(conditional)).toContain('react-hooks/rules-of-hooks');
    const missing =
      "import { useEffect } from 'react';\nexport function X({ id }: { id: number }) {\n  useEffect(() => console.log(id), []);\n  return null;\n}\n";
    expect(await lint(missing)).toContain('react-hooks/exhaustive-deps');
  });

  it('lets main and preload import electron, and core import Node built-ins', async () => {
    expect(await restrictedImports("import { app } from 'electron';\nexport const x = app;\n", 'electron/main/ok.ts')).toEqual([]);
    expect(await restrictedImports("import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'electron/preload/ok.ts')).toEqual([]);
    expect(await restrictedImports("import { createHash } from 'node:crypto';\nexport const x = createHash;\n", 'electron/core/ok.ts')).toEqual([]);
  });
});
