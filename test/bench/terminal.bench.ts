/**
 * The virtual terminal's submit latency: from Enter on the review's confirm button to the
 * outcome in the page's DOM, in Debian's Chromium against web mode (core and the web bridge
 * composed as `npm run web` does, in this process, with the built-in sandbox answering on
 * loopback with no added latency). Measured inside the page (keydown timestamp → the
 * MutationObserver that sees the outcome panel), so Playwright's own round trips do not count.
 *
 * Baselines from the same run:
 * - a bare HTTP round trip to the same sandbox (GET /sandbox/health, keep-alive);
 * - `payments.submit` posted straight to the web bridge from Node (core, journal, signing,
 *   sandbox; no browser, no React).
 *
 * Target (issue 7): p95 < 50 ms. Run: npx tsx test/bench/terminal.bench.ts
 */
import { chromium, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../electron/core/core.js';
import { inProcessLink } from '../../electron/core/host/in-process-link.js';
import { startWebBridge } from '../../electron/web/bridge.js';
import { memoryLogger } from '../support/silent-logger.js';
import { cardExpiry, typedCardExpiry } from '../support/dates.js';
import { recordFigure } from './report.js';

const PAYMENTS = 50;
const WARMUP = 5;
const BARE_ROUND_TRIPS = 300;
const root = fileURLToPath(new URL('../..', import.meta.url));

const build = spawnSync(process.execPath, [join(root, 'build/build.mjs'), '--if-stale'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-bench-terminal-'));
const { logger } = memoryLogger();
const core = await createCore({ dataDir, version: 'bench', electronVersion: null, logger });
const bridge = await startWebBridge({
  link: inProcessLink(core, { role: 'admin', operator: null, transport: 'web' }),
  rendererDir: join(root, 'dist', 'renderer'),
  port: 0,
  logger,
});

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function bareSandboxRoundTrips(): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = () =>
    new Promise<void>((resolve, reject) => {
      http
        .get(`${core.sandbox.url}/sandbox/health`, { agent }, (response) => {
          response.resume();
          response.on('end', resolve);
        })
        .on('error', reject);
    });
  for (let i = 0; i < 20; i++) await get();
  const samples: number[] = [];
  for (let i = 0; i < BARE_ROUND_TRIPS; i++) {
    const started = performance.now();
    await get();
    samples.push(performance.now() - started);
  }
  agent.destroy();
  return samples;
}

async function bridgeSubmits(): Promise<number[]> {
  const base = `http://127.0.0.1:${bridge.port}`;
  const call = async (name: string, input: unknown) => {
    const response = await fetch(`${base}/api/invoke/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Comptoir-Token': bridge.token },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as { ok: boolean; value?: { orderId?: string }; error?: unknown };
    if (!body.ok) throw new Error(`${name} failed: ${JSON.stringify(body.error)}`);
    return body.value;
  };
  const samples: number[] = [];
  for (let i = 0; i < PAYMENTS + WARMUP; i++) {
    const { orderId } = (await call('terminal.nextOrderId', { accountId: 1 })) as { orderId: string };
    const submission = {
      idempotencyKey: `benchbridge${String(i).padStart(8, '0')}`,
      accountId: 1,
      operation: 'payment',
      amount: 10_000 + i,
      orderId,
      customer: { email: 'bench@example.com' },
      card: { number: '4111111111111111', expiry: cardExpiry(), cvv: '123', holder: 'Bench' },
    };
    const started = performance.now();
    await call('payments.submit', submission);
    if (i >= WARMUP) samples.push(performance.now() - started);
  }
  return samples;
}

/** Fills a payment (speed matters here, not the keyboard path) and opens the review. */
async function preparePayment(page: Page, index: number): Promise<void> {
  await page.getByRole('textbox', { name: /^Amount/ }).fill(`${20 + index}.${String(index % 100).padStart(2, '0')}`);
  await page.getByRole('textbox', { name: /^Customer email/ }).fill('bench@example.com');
  await page.getByRole('textbox', { name: /^Card number/ }).fill('4111111111111111');
  await page.getByRole('textbox', { name: /^Expiry date/ }).fill(typedCardExpiry());
  await page.getByLabel(/^Security code/).fill('123');
  await page.getByRole('textbox', { name: /^Cardholder name/ }).fill('Bench');
  await page.getByTestId('review-button').click();
  await page.getByTestId('confirm-button').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'confirm-button');
}

/** Arms an in-page timer: Enter's keydown on the confirm button → the outcome panel in the DOM. */
async function armTimer(page: Page): Promise<void> {
  await page.evaluate(() => {
    const state = window as unknown as { __submitLatency?: Promise<number> };
    state.__submitLatency = new Promise<number>((resolve) => {
      let pressedAt = 0;
      window.addEventListener('keydown', (event) => event.key === 'Enter' && (pressedAt = performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (pressedAt > 0 && document.querySelector('[data-testid="outcome"]')) {
          observer.disconnect();
          resolve(performance.now() - pressedAt);
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  });
}

async function uiSubmits(): Promise<number[]> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
  await page.goto(bridge.url);
  await page.getByRole('textbox', { name: /^Amount/ }).waitFor();
  const samples: number[] = [];
  for (let i = 0; i < PAYMENTS + WARMUP; i++) {
    await preparePayment(page, i);
    await armTimer(page);
    await page.keyboard.press('Enter');
    const latency = await page.evaluate(() => (window as unknown as { __submitLatency: Promise<number> }).__submitLatency);
    if (i >= WARMUP) samples.push(latency);
    await page.getByRole('heading', { name: 'Payment approved' }).waitFor();
    await page.keyboard.press('Alt+N');
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.id === 'terminal-amount');
  }
  await browser.close();
  return samples;
}

try {
  const bare = await bareSandboxRoundTrips();
  const direct = await bridgeSubmits();
  const ui = await uiSubmits();
  const rows: [string, number[]][] = [
    ['UI: Enter on confirm → outcome in DOM', ui],
    ['baseline: payments.submit via the bridge', direct],
    ['baseline: bare HTTP round trip to sandbox', bare],
  ];
  const fmt = (ms: number) => `${ms.toFixed(2).padStart(8)} ms`;
  process.stdout.write(`\nTerminal submit latency (${PAYMENTS} payments after ${WARMUP} warm-up; bare HTTP: ${BARE_ROUND_TRIPS} round trips)\n`);
  process.stdout.write(`${'measure'.padEnd(44)}${'p50'.padStart(11)}${'p95'.padStart(11)}${'max'.padStart(11)}\n`);
  for (const [label, samples] of rows) {
    process.stdout.write(`${label.padEnd(44)}${fmt(percentile(samples, 50))}${fmt(percentile(samples, 95))}${fmt(Math.max(...samples))}\n`);
  }
  const ratio = (a: number[], b: number[], p: number) => (percentile(a, p) / percentile(b, p)).toFixed(1);
  process.stdout.write(`\nratio UI / bare HTTP:        p50 ×${ratio(ui, bare, 50)}   p95 ×${ratio(ui, bare, 95)}\n`);
  process.stdout.write(`ratio UI / bridge submit:    p50 ×${ratio(ui, direct, 50)}   p95 ×${ratio(ui, direct, 95)}\n`);
  const p95 = percentile(ui, 95);
  process.stdout.write(`target p95 < 50 ms: ${p95 < 50 ? 'met' : 'NOT met'} (${p95.toFixed(1)} ms)\n`);
  recordFigure({
    figure: 'submit to outcome in Chromium (Enter on confirm → outcome shown), p95',
    unit: 'ms',
    measured: p95,
    baseline: { name: 'bare HTTP round trip to the sandbox, p95', value: percentile(bare, 95) },
    target: { comparison: '<', value: 50 },
  });
} finally {
  await bridge.close();
  await core.close();
  await rm(dataDir, { recursive: true, force: true });
}
