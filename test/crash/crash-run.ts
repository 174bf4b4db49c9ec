import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { journalPath, openJournal } from '../../electron/core/journal/index.js';
import { hasSucceeded, isInFlight, type OperationStatus } from '../../shared/domain/operation-status.js';
import { cardExpiry } from '../support/dates.js';
import { addGatewayAccount, GATEWAY_ADMIN } from '../support/gateway-stub.js';

/**
 * Issue 21 item 3: payments and follow-ups through web mode's HTTP transport against a
 * standalone sandbox (its own process, port and durable ledger), while web mode is killed with
 * SIGKILL at moments a seeded PRNG picks and restarted on the same data folder each time. At the
 * end, after the lookups have run, the journal and the sandbox ledger must agree exactly.
 *
 * `npm run crash -- --payments N --seed S` (N = 1000 by default); `crash-run.test.ts` runs a
 * short one in `npm test` with the same code.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const IDENTIFIER = 'CRASH-RUN';
const PASSWORD = 'crash-run-secret-1';
const PAN = '4111111111111111';
/** The last restart's clock: past the 15 minutes after which "not found" is final. */
const FINAL_CLOCK_OFFSET_MS = 20 * 60_000;
const WEB_READY = /^Comptoir ready at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)$/m;
const SANDBOX_READY = /^Sandbox listening at (http:\/\/127\.0\.0\.1:\d+)$/m;

export interface CrashRunOptions {
  readonly payments: number;
  readonly seed: number;
  /** SIGKILLs of web mode during the run; one per 40 payments (at least 3) by default. */
  readonly kills?: number;
  /** Requests in flight at once (operators at their desks). */
  readonly concurrency?: number;
  /** Progress lines (stderr for the CLI). */
  readonly log?: (line: string) => void;
}

export interface CrashRunSummary {
  readonly payments: number;
  readonly followUps: number;
  readonly kills: number;
  readonly retries: number;
  readonly operations: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly ledgerCharges: number;
  /** Refusals the terminal would show an operator (not disagreements): code → count. */
  readonly refusals: Readonly<Record<string, number>>;
  /** Every way the journal and the ledger disagree; empty when the run passes. */
  readonly disagreements: readonly string[];
  readonly line: string;
}

/** mulberry32: small, seeded, the same sequence on every machine. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Spawns `node --import tsx <script>` from the project root; resolves with the first stdout match. */
async function launch(
  script: string,
  args: readonly string[],
  ready: RegExp,
  logFile: string,
  extra: { env?: NodeJS.ProcessEnv; preload?: string } = {},
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [...(extra.preload ? ['--import', extra.preload] : []), '--import', 'tsx', join(ROOT, script), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...extra.env },
  });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stderr?.pipe(log);
  let stdout = '';
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = ready.exec(stdout);
      if (found) resolve(found);
    });
    child.once('exit', (code, signal) => reject(new Error(`${script} exited (${code ?? signal}) before it was ready; see ${logFile}`)));
  });
  return { child, match };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

interface Envelope {
  readonly ok: boolean;
  readonly value?: Record<string, unknown>;
  readonly error?: { readonly code: string };
}

interface View {
  readonly id: number;
  readonly status: OperationStatus;
  readonly orderId: string;
}

/** Web mode on one data folder: killed and restarted at will, asked over HTTP as the browser asks. */
class WebMode {
  private child: ChildProcess | undefined;
  private port = 0;
  private token = '';
  private starting: Promise<void> = Promise.resolve();
  restarts = 0;

  constructor(
    private readonly dataDir: string,
    private readonly notifyPort: number,
    private readonly logFile: string,
  ) {}

  start(extra: { env?: NodeJS.ProcessEnv; preload?: string } = {}): Promise<void> {
    this.starting = (async () => {
      const args = ['--port', '0', '--data-dir', this.dataDir, '--follow-up-delay-ms', '0', '--notify-port', String(this.notifyPort)];
      const { child, match } = await launch('electron/web/cli.ts', args, WEB_READY, this.logFile, extra);
      this.child = child;
      this.port = Number(match[1]);
      this.token = match[2] as string;
      // Issue 17: once an administrator exists (a real account needs one), each launch's desk
      // signs in before it takes a payment, as the operator does after relaunching it.
      const signedIn = await fetch(`http://127.0.0.1:${this.port}/api/invoke/session.signIn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-comptoir-token': this.token },
        body: JSON.stringify({ name: GATEWAY_ADMIN.name, secret: GATEWAY_ADMIN.secret }),
      });
      const answer = (await signedIn.json()) as Envelope;
      if (!answer.ok) throw new Error(`crash run: sign-in refused: ${JSON.stringify(answer)}`);
    })();
    return this.starting;
  }

  /** SIGKILL: no shutdown, no flush; then the same folder again, as an operator relaunching it. */
  async killAndRestart(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    this.starting = (async () => {
      child.kill('SIGKILL');
      await exited(child);
    })();
    await this.starting;
    this.restarts += 1;
    await this.start();
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child) return;
    child.kill('SIGTERM');
    await exited(child);
  }

  /** One call; retried with the same body (the same idempotency key) until web mode answers. */
  async invoke(channel: string, payload: unknown, onRetry: () => void): Promise<Envelope> {
    for (let attempt = 0; ; attempt++) {
      await this.starting;
      try {
        const response = await fetch(`http://127.0.0.1:${this.port}/api/invoke/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-comptoir-token': this.token },
          body: JSON.stringify(payload),
        });
        return (await response.json()) as Envelope;
      } catch (error) {
        // Killed mid-call: what happened is for the journal to say; ask again with the same key.
        if (attempt > 100) throw error;
        onRetry();
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
}

interface LedgerTransaction {
  readonly transactionId: string;
  readonly operationType: string;
  readonly orderId: string;
  readonly execCode: string;
}

export async function runCrash(options: CrashRunOptions): Promise<CrashRunSummary> {
  const log = options.log ?? (() => undefined);
  const random = prng(options.seed);
  const killCount = options.kills ?? Math.max(3, Math.round(options.payments / 40));
  const concurrency = options.concurrency ?? 4;
  const work = await mkdtemp(join(tmpdir(), 'comptoir-crash-'));
  const dataDir = join(work, 'web');
  await mkdir(dataDir, { recursive: true });
  const notifyPort = await freePort();

  const sandboxArgs = [
    '--port',
    '0',
    '--identifier',
    IDENTIFIER,
    '--password',
    PASSWORD,
    '--ledger-file',
    join(work, 'sandbox-ledger.json'),
    '--follow-up-delay-ms',
    '0',
    '--notify-url',
    `http://127.0.0.1:${notifyPort}/dalenys/notify`,
  ];
  const sandbox = await launch('electron/core/sandbox/cli.ts', sandboxArgs, SANDBOX_READY, join(work, 'sandbox.log'));
  const sandboxUrl = sandbox.match[1] as string;
  const accountId = await addGatewayAccount(dataDir, { name: 'Crash run', identifier: IDENTIFIER, password: PASSWORD, primary: sandboxUrl });

  const web = new WebMode(dataDir, notifyPort, join(work, 'web.log'));
  let retries = 0;
  const onRetry = () => (retries += 1);
  const refusals: Record<string, number> = {};
  const refuse = (code: string) => (refusals[code] = (refusals[code] ?? 0) + 1);
  const known = new Set<number>();
  let followUps = 0;

  try {
    await web.start();
    // Which payments start with a kill close behind them, and how close (a request takes tens of ms).
    const killAt = new Map<number, number>();
    while (killAt.size < Math.min(killCount, options.payments)) killAt.set(Math.floor(random() * options.payments), Math.floor(random() * 60));
    const plan = Array.from({ length: options.payments }, (_, i) => ({
      i,
      operation: random() < 0.5 ? ('payment' as const) : ('authorization' as const),
      followUp: random(),
    }));
    let killing: Promise<void> = Promise.resolve();
    const kills: Promise<void>[] = [];
    let next = 0;

    const settled = async (view: View): Promise<View> => {
      if (!isInFlight(view.status)) return view;
      const checked = await web.invoke('operations.checkStatus', { operationId: view.id }, onRetry);
      return checked.ok ? (checked.value as unknown as View) : view;
    };

    const worker = async () => {
      while (next < plan.length) {
        const task = plan[next++] as (typeof plan)[number];
        if (task.i % 50 === 0) log(`crash run: ${task.i}/${options.payments} payments, ${web.restarts} restarts`);
        const delay = killAt.get(task.i);
        if (delay !== undefined) {
          kills.push(
            new Promise<void>((resolve, reject) => {
              setTimeout(() => {
                killing = killing.then(() => web.killAndRestart());
                killing.then(resolve, reject);
              }, delay);
            }),
          );
        }
        const orderId = `CR${options.seed}-${task.i}`;
        const paid = await web.invoke(
          'payments.submit',
          {
            idempotencyKey: `crash${options.seed}s${task.i}iPAYMENTkey`,
            accountId,
            operation: task.operation,
            amount: 1000 + task.i,
            orderId,
            customer: { email: 'ana@example.com', name: 'Ana Lopez' },
            card: { number: PAN, expiry: cardExpiry(), cvv: '123', holder: 'ANA LOPEZ' },
          },
          onRetry,
        );
        if (!paid.ok) {
          refuse(paid.error?.code ?? 'UNKNOWN');
          continue;
        }
        const parent = await settled((paid.value as { operation: View }).operation);
        known.add(parent.id);
        const kind =
          task.operation === 'payment'
            ? task.followUp < 0.35
              ? 'refund'
              : undefined
            : task.followUp < 0.4
              ? 'capture'
              : task.followUp < 0.7
                ? 'void'
                : undefined;
        if (kind === undefined || !hasSucceeded(parent.status)) continue;
        followUps += 1;
        const followed = await web.invoke(
          `operations.${kind}`,
          {
            operationId: parent.id,
            idempotencyKey: `crash${options.seed}s${task.i}i${kind.toUpperCase()}key`,
            ...(kind === 'refund' ? { reason: { code: 'customer_request' } } : {}),
          },
          onRetry,
        );
        if (followed.ok) known.add((followed.value as { operation: View }).operation.id);
        else refuse(followed.error?.code ?? 'UNKNOWN');
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    await Promise.all(kills);

    // Lookups: a restart well past the 15 minutes, then "check status" of each operation still in
    // flight until the gateway's record (or its final absence) settles it.
    await web.stop();
    await web.start({
      env: { COMPTOIR_CLOCK_OFFSET_MS: String(FINAL_CLOCK_OFFSET_MS) },
      preload: pathToFileURL(join(ROOT, 'test/crash/clock-offset.mjs')).href,
    });
    for (const operationId of known) {
      for (let check = 0; check < 5; check++) {
        const read = await web.invoke('operations.get', { operationId }, onRetry);
        if (!read.ok || !isInFlight((read.value as unknown as View).status)) break;
        await web.invoke('operations.checkStatus', { operationId }, onRetry);
      }
    }
    await web.stop();

    const ledger = await fetchLedger(sandboxUrl);
    const result = await compare(dataDir, accountId, ledger);
    const summary = {
      payments: options.payments,
      followUps,
      kills: web.restarts,
      retries,
      operations: result.operations,
      statuses: result.statuses,
      ledgerCharges: result.ledgerCharges,
      refusals,
      disagreements: result.disagreements,
    };
    const statuses = Object.entries(result.statuses)
      .map(([status, count]) => `${status} ${count}`)
      .join(', ');
    const line =
      `crash run (seed ${options.seed}): ${options.payments} payments, ${followUps} follow-ups, ${web.restarts} kills, ${retries} retried calls; ` +
      `journal ${result.operations} operations (${statuses}); ledger ${result.ledgerCharges} charges; ` +
      `${result.disagreements.length === 0 ? 'journal and ledger agree' : `${result.disagreements.length} DISAGREEMENTS`}`;
    return { ...summary, line };
  } finally {
    await web.stop().catch(() => undefined);
    sandbox.child.kill('SIGTERM');
    await exited(sandbox.child);
    if (process.env.COMPTOIR_KEEP_CRASH_DIR !== '1') await rm(work, { recursive: true, force: true });
    else log(`crash run: files kept in ${work}`);
  }
}

async function fetchLedger(sandboxUrl: string): Promise<LedgerTransaction[]> {
  const response = await fetch(`${sandboxUrl}/sandbox/ledger`, {
    headers: { authorization: `Basic ${Buffer.from(`${IDENTIFIER}:${PASSWORD}`).toString('base64')}` },
  });
  if (!response.ok) throw new Error(`the sandbox ledger answered ${response.status}`);
  return ((await response.json()) as { transactions: LedgerTransaction[] }).transactions;
}

/** The journal (read after web mode stopped) against the ledger, both ways. */
async function compare(dataDir: string, accountId: number, ledger: readonly LedgerTransaction[]) {
  const disagreements: string[] = [];
  const statuses: Record<string, number> = {};
  const charges = new Map<string, LedgerTransaction[]>();
  for (const transaction of ledger) {
    if (transaction.execCode !== '0000') continue;
    const key = `${transaction.orderId}/${transaction.operationType}`;
    charges.set(key, [...(charges.get(key) ?? []), transaction]);
  }
  for (const [key, list] of charges)
    if (list.length > 1) disagreements.push(`${key}: charged ${list.length} times (${list.map((t) => t.transactionId).join(', ')})`);

  const journal = openJournal({ file: journalPath(dataDir, 'default') });
  const seen = new Set<string>();
  let operations = 0;
  try {
    for (let id = 1; id <= journal.lastOperationId(); id++) {
      const operation = journal.getOperation(id);
      if (!operation || operation.accountId !== accountId) continue;
      operations += 1;
      statuses[operation.status] = (statuses[operation.status] ?? 0) + 1;
      const key = `${operation.orderId}/${operation.type}`;
      seen.add(key);
      const charged = charges.get(key) ?? [];
      if (isInFlight(operation.status)) disagreements.push(`${key}: left ${operation.status}`);
      else if (hasSucceeded(operation.status)) {
        if (charged.length !== 1) disagreements.push(`${key}: ${operation.status} in the journal, ${charged.length} charges in the ledger`);
        else if (charged[0]?.transactionId !== operation.transactionId)
          disagreements.push(`${key}: the journal names ${operation.transactionId}, the ledger charged ${charged[0]?.transactionId}`);
      } else if (charged.length > 0) disagreements.push(`${key}: ${operation.status} in the journal, charged in the ledger (${charged[0]?.transactionId})`);
    }
  } finally {
    await journal.close();
  }
  for (const key of charges.keys()) if (!seen.has(key)) disagreements.push(`${key}: charged in the ledger, no operation in the journal`);
  let ledgerCharges = 0;
  for (const list of charges.values()) ledgerCharges += list.length;
  return { operations, statuses, ledgerCharges, disagreements };
}

function parseArgs(argv: readonly string[]): { payments: number; seed: number; kills?: number } {
  let payments = 1000;
  let seed = 1;
  let kills: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = Number(argv[++i]);
    if (!Number.isSafeInteger(value) || value < 0)
      throw new Error(`${flag} needs a whole number. Usage: npm run crash -- [--payments N] [--seed S] [--kills K]`);
    if (flag === '--payments') payments = value;
    else if (flag === '--seed') seed = value;
    else if (flag === '--kills') kills = value;
    else throw new Error(`Unknown option ${flag}. Usage: npm run crash -- [--payments N] [--seed S] [--kills K]`);
  }
  return { payments, seed, ...(kills === undefined ? {} : { kills }) };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const summary = await runCrash({ ...parseArgs(process.argv.slice(2)), log: (line) => process.stderr.write(`${line}\n`) });
  for (const disagreement of summary.disagreements) process.stderr.write(`${disagreement}\n`);
  process.stdout.write(`${summary.line}\n`);
  process.exit(summary.disagreements.length === 0 ? 0 : 1);
}
