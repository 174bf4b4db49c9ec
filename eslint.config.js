import js from '@eslint/js';
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Architecture boundaries, enforced by lint (test/lint proves they fire):
 * - `electron` only in electron/main and electron/preload: core must run under plain Node.
 * - no Node built-ins in renderer/ or shared/: they run in a sandboxed browser page.
 */
const electronBan = {
  paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron; core runs under plain Node.' }],
  patterns: [{ group: ['electron/*'], message: 'Only electron/main and electron/preload may import electron.' }],
};

// Exact names go in `paths`: as gitignore-style patterns, a bare `domain` (a Node built-in)
// would also match our own `../domain/…` folder. Only subpaths (`fs/promises`) are patterns.
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_') && !name.includes('/'));
const browserMessage = 'renderer/ and shared/ run in the browser: no Node built-ins.';
const browserBan = {
  paths: [...electronBan.paths, ...nodeBuiltins.map((name) => ({ name, message: browserMessage }))],
  patterns: [
    ...electronBan.patterns,
    { group: ['node:*'], message: browserMessage },
    { group: nodeBuiltins.map((name) => `/${name}/*`), message: browserMessage },
  ],
};

// `require('electron')` and `import('electron')` dodge no-restricted-imports; catch them too.
const electronCalls = [
  "CallExpression[callee.name='require'][arguments.0.value=/^electron(\\/.*)?$/]",
  'ImportExpression[source.value=/^electron(\\/.*)?$/]',
].map((selector) => ({ selector, message: 'Only electron/main and electron/preload may load electron.' }));

// Tests find elements by `data-testid`; the app itself never does (it finds its own elements by
// id, role or ref), so renaming a test hook cannot break a feature.
const testIdSelectors = ['Literal[value=/\\[data-testid/]', 'TemplateElement[value.raw=/\\[data-testid/]'].map((selector) => ({
  selector,
  message: 'Production code does not select by data-testid: use an id, a role or a ref.',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'artifacts/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // Prettier's width (.prettierrc.json) for comments too; only strings it cannot break are longer.
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    files: ['build/**/*.mjs', 'test/**/*.mjs', '.ci/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/web/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', electronBan], 'no-restricted-syntax': ['error', ...electronCalls] },
  },
  {
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', browserBan], 'no-restricted-syntax': ['error', ...electronCalls, ...testIdSelectors] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    // `npm run lint` fails on errors only: a missing dependency must fail it too.
    rules: { ...reactHooks.configs.flat.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
);
