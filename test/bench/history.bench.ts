/**
 * History on a seeded journal (1,000,000 operations by default), in Debian's Chromium against
 * web mode (core and the web bridge composed as `npm run web` does, in this process):
 * - start to interactive: from opening core on the journal to the terminal's amount field
 *   shown in the page (target < 2 s);
 * - opening History: click on the navigation → the first row in the DOM (target < 300 ms);
 * - changing a filter (an ORDERID, a last four) or typing a search: the input event → the
 *   table showing the expected first row (target p95 < 150 ms);
 * each next to core's own time for the same page, read by the journal's reader pool in the
 * same run; and payments' latency (`payments.submit` through the bridge, built-in sandbox)
 * idle and while a slow search (every operation awaiting confirmation, counted and totalled)
 * keeps a reader thread busy. Timers run inside the page (MutationObserver), so Playwright's
 * own round trips do not count.
 *
 * Usage: npx tsx test/bench/history.bench.ts [--rows 1000000] [--iterations 20]
 * BENCH_JOURNAL_DIR=DIR reuses (or seeds once) DIR/profiles/default/journal.sqlite.
 */
import { chromium, type Page } from '@playwright/test';
import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from '../../electron/core/core.js';
import { inProcessLink } from '../../electron/core/host/in-process-link.js';
import { journalPath, openJournal } from '../../electron/core/journal/index.js';
import { startWebBridge } from '../../electron/web/bridge.js';
import { cardExpiry } from '../support/dates.js';
import { memoryLogger } from '../support/silent-logger.js';
import { seedJournal } from './seed/seed.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, iterations: { type: 'string', default: '20' } } });
const ROWS = Number(values.rows);
const ITERATIONS = Number(values.iterations);
const root = fileURLToPath(new URL('../..', import.meta.url));

const build = spawnSync(process.execPath, [join(root, 'build/build.mjs'), '--if-stale'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const given = process.env.BENCH_JOURNAL_DIR;
const dataDir = given ?? mkdtempSync(join(tmpdir(), 'comptoir-history-bench-'));
const file = journalPath(dataDir, 'default');
if (!existsSync(file)) {
  process.stdout.write(`seeding ${ROWS} operations into ${file} …\n`);
  const seeded = seedJournal({ file, rows: ROWS });
  process.stdout.write(`seeded ${seeded.operations} operations in ${seeded.seconds.toFixed(1)} s\n`);
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;
const lines: string[] = [];
function report(label: string, samples: readonly number[]): void {
  lines.push(`${label.padEnd(58)}${fmt(percentile(samples, 50))}${fmt(percentile(samples, 95))}${fmt(Math.max(...samples))}`);
}

// What the filters look for: real ORDERIDs and last fours of the seeded journal, newest first.
const raw = new BetterSqlite3(file, { readonly: true });
const targets = raw
  .prepare('SELECT id, order_id AS orderId, last4 FROM operations WHERE last4 IS NOT NULL AND id % 997 = 0 ORDER BY id DESC LIMIT ?')
  .all(ITERATIONS + 2) as Array<{ id: number; orderId: string; last4: string }>;
raw.close();

// Core's own time for the same pages, through the reader pool, before the UI run.
const alone = openJournal({ file, integrityCheck: 'none' });
const coreOrderId: number[] = [];
const coreLast4: number[] = [];
await alone.queryOffThread({ limit: 100 });
for (const target of targets) {
  let started = performance.now();
  await alone.queryOffThread({ filter: { orderId: target.orderId }, limit: 100 });
  coreOrderId.push(performance.now() - started);
  started = performance.now();
  await alone.queryOffThread({ filter: { last4: target.last4 }, limit: 100 });
  coreLast4.push(performance.now() - started);
}
const firstPage: number[] = [];
for (let i = 0; i < ITERATIONS; i++) {
  const started = performance.now();
  await alone.queryOffThread({ limit: 100 });
  firstPage.push(performance.now() - started);
}
await alone.close();

const { logger } = memoryLogger();
const startedAt = performance.now();
const core = await createCore({ dataDir, version: 'bench', electronVersion: null, logger });
const coreOpenMs = performance.now() - startedAt;
const bridge = await startWebBridge({ link: inProcessLink(core, { role: 'admin', operator: null, transport: 'web' }), rendererDir: join(root, 'dist', 'renderer'), port: 0, logger });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

async function call(name: string, input: unknown): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${bridge.port}/api/invoke/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Comptoir-Token': bridge.token },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!body.ok) throw new Error(`${name}: ${JSON.stringify(body.error)}`);
  return body.value;
}

/** In the page: from the next `trigger` event to a row with this id first in the table. */
async function arm(page: Page, trigger: 'input' | 'click', firstId: number | null): Promise<void> {
  await page.evaluate(
    ({ trigger, firstId }) => {
      const state = window as unknown as { __latency?: Promise<number> };
      state.__latency = new Promise<number>((resolve) => {
        let at = 0;
        window.addEventListener(trigger, () => (at = performance.now()), { capture: true, once: true });
        // No named helper in here: the bundler would wrap it with a function the page lacks.
        const observer = new MutationObserver(() => {
          const first = document.querySelector('[data-testid="history-row"]');
          if (at > 0 && first !== null && (firstId === null || first.getAttribute('data-operation-id') === String(firstId))) {
            observer.disconnect();
            resolve(performance.now() - at);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
      });
    },
    { trigger, firstId },
  );
}
const latency = (page: Page) => page.evaluate(() => (window as unknown as { __latency: Promise<number> }).__latency);

let charged = 0;
async function payments(count: number): Promise<number[]> {
  const { accounts } = (await call('accounts.list', undefined)) as { accounts: Array<{ id: number; isSandbox: boolean }> };
  const accountId = accounts.find((account) => account.isSandbox)?.id;
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const { orderId } = (await call('terminal.nextOrderId', { accountId })) as { orderId: string };
    const started = performance.now();
    await call('payments.submit', {
      idempotencyKey: `benchhistory${String(Date.now())}x${i}x`,
      accountId,
      operation: 'payment',
      // Each amount once: the duplicate guard refuses the same last four and amount within minutes.
      amount: 1000 + charged++,
      orderId,
      customer: { email: 'bench@example.com' },
      card: { number: '4111111111111111', expiry: cardExpiry(), cvv: '123', holder: 'Bench' },
    });
    samples.push(performance.now() - started);
  }
  return samples;
}

try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const pageStarted = performance.now();
  await page.goto(bridge.url);
  await page.getByRole('textbox', { name: /^Amount/ }).waitFor();
  const interactiveMs = coreOpenMs + (performance.now() - pageStarted);

  const opening: number[] = [];
  const nav = page.getByRole('navigation');
  for (let i = 0; i < Math.min(ITERATIONS, 10); i++) {
    await nav.getByRole('button', { name: 'Terminal' }).click();
    await page.getByRole('textbox', { name: /^Amount/ }).waitFor();
    await arm(page, 'click', null);
    await nav.getByRole('button', { name: 'History' }).click();
    opening.push(await latency(page));
  }

  const byOrderId: number[] = [];
  const byLast4: number[] = [];
  const orderIdBox = page.getByTestId('history-order-id');
  const last4Box = page.getByTestId('history-last4');
  for (const target of targets.slice(0, ITERATIONS)) {
    await arm(page, 'input', target.id);
    await orderIdBox.fill(target.orderId);
    byOrderId.push(await latency(page));
    await orderIdBox.fill('');
    await page.getByTestId('history-row').first().waitFor();
  }
  for (const target of targets.slice(0, ITERATIONS)) {
    const expected = (await call('history.page', { filter: { last4: target.last4 }, limit: 1 })) as { items: Array<{ id: number }> };
    await arm(page, 'input', expected.items[0]?.id ?? null);
    await last4Box.fill(target.last4);
    byLast4.push(await latency(page));
  }
  await last4Box.fill('');

  // Payments idle, then while slow searches keep a reader thread busy.
  await payments(3);
  const idle = await payments(ITERATIONS);
  let searching = true;
  const slow = (async () => {
    let runs = 0;
    while (searching) {
      await call('history.totals', { filter: { confirmations: ['awaiting', 'discrepancy'], text: 'a' } });
      runs += 1;
    }
    return runs;
  })();
  const busy = await payments(ITERATIONS);
  searching = false;
  const slowRuns = await slow;

  report('Chromium: open History → first rows', opening);
  report('Chromium: ORDERID typed → its row first', byOrderId);
  report('  core alone: the same page (reader pool)', coreOrderId);
  report('Chromium: last four typed → new first page', byLast4);
  report('  core alone: the same page (reader pool)', coreLast4);
  report('  core alone: first page, no filter', firstPage);
  report('payments.submit, idle', idle);
  report(`payments.submit, while slow searches run (${slowRuns} ran)`, busy);
  process.stdout.write(`\nHistory on ${ROWS.toLocaleString('en')} operations (${ITERATIONS} iterations)\n`);
  process.stdout.write(`${'measure'.padEnd(58)}${'p50'.padStart(11)}${'p95'.padStart(11)}${'max'.padStart(11)}\n${lines.join('\n')}\n\n`);
  process.stdout.write(`core open (journal, accounts, listener, sandbox): ${coreOpenMs.toFixed(0)} ms\n`);
  process.stdout.write(`start to interactive (core open + page to the terminal's amount field): ${interactiveMs.toFixed(0)} ms — target < 2000 ms: ${interactiveMs < 2000 ? 'met' : 'NOT met'}\n`);
  const typed = Math.max(percentile(byOrderId, 95), percentile(byLast4, 95));
  process.stdout.write(`filter → first page p95 < 150 ms: ${typed < 150 ? 'met' : 'NOT met'} (${typed.toFixed(1)} ms)\n`);
  const open = percentile(opening, 95);
  process.stdout.write(`open History → first rows < 300 ms: ${open < 300 ? 'met' : 'NOT met'} (p95 ${open.toFixed(1)} ms)\n`);
  process.stdout.write(`payments while searching: p95 ${percentile(busy, 95).toFixed(1)} ms vs idle ${percentile(idle, 95).toFixed(1)} ms\n`);
} finally {
  await browser.close();
  await bridge.close();
  await core.close();
  if (given === undefined) rmSync(dataDir, { recursive: true, force: true });
}
