import { openJournal, type IntentInput } from '../../../electron/core/journal/index.js';

/**
 * The "app" of the crash test: `node --import tsx crash-child.ts <db> <run> <previousRun> <previousLast>`.
 * Recovers like the app does at start-up, re-submits what the previous run reported committed
 * (each must come back as `existing`), then records intents (and answers some) until killed.
 * Prints `committed <key> <id> <orderId>` only after recordIntent returned (i.e. committed),
 * `answered <id>` after a response is recorded.
 */
const [file, runText, previousRunText, previousLastText] = process.argv.slice(2);
if (!file || runText === undefined) throw new Error('usage: crash-child.ts <db> <run> <previousRun> <previousLast>');
const run = Number(runText);
const journal = openJournal({ file, integrityCheck: 'quick' });
const account =
  journal.listAccounts()[0] ?? journal.createAccount({ name: 'Crash', identifier: 'CRASH', environment: 'test', currency: 'EUR', orderIdPrefix: 'CR-' });

const intentFor = (r: number, i: number): IntentInput => ({
  accountId: account.id,
  type: i % 4 === 0 ? 'authorization' : 'payment',
  amount: 100 + ((r * 7919 + i * 104729) % 90_000),
  idempotencyKey: `crash-${r}-${i}`,
  customer: { ident: `C-${r}-${i}` },
  description: `run ${r} intent ${i}`,
  operator: 'crash-test',
});

const recovered = journal.recoverInterrupted();
process.stdout.write(`recovered ${recovered.filter((item) => item.interruptedNow).length}\n`);
if (journal.count({ statuses: ['sending'] }) !== 0) process.stdout.write('ERROR sending left after recovery\n');

if (previousRunText !== undefined && previousLastText !== undefined) {
  for (let i = 0; i <= Number(previousLastText); i += 1) {
    const again = journal.recordIntent(intentFor(Number(previousRunText), i));
    if (again.kind !== 'existing') process.stdout.write(`ERROR resubmission created crash-${previousRunText}-${i}\n`);
  }
}
process.stdout.write('ready\n');

for (let i = 0; ; i += 1) {
  const result = journal.recordIntent(intentFor(run, i));
  if (result.kind !== 'created') process.stdout.write(`ERROR fresh key crash-${run}-${i} already existed\n`);
  const op = result.kind === 'created' ? result.operation : result.existing;
  process.stdout.write(`committed ${op.idempotencyKey} ${op.id} ${op.orderId}\n`);
  if (i % 3 === 1) {
    journal.recordResponse(op.id, { outcome: 'answered', response: { EXECCODE: '0000', TRANSACTIONID: `T-${run}-${i}` } });
    process.stdout.write(`answered ${op.id}\n`);
  }
}
