#!/usr/bin/env node
// Adds a gateway account to a data folder before Comptoir starts, through the journal's own
// API (compiled in dist/): `node seed-account.mjs DATA_DIR NAME IDENTIFIER PASSWORD HOST ENVIRONMENT`.
// The end-to-end suite uses it to give web mode a "live" account whose gateway is a
// standalone sandbox on loopback: a live Dalenys account cannot be reached from the test machine.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [dataDir, name, identifier, password, host, environment = 'live'] = process.argv.slice(2);
const dist = fileURLToPath(new URL('../../../dist/electron/core/', import.meta.url));
const load = (path) => import(pathToFileURL(join(dist, path)).href);
const { openJournal, journalPath } = await load('journal/index.js');
const { FileSecretStore } = await load('accounts/secret-store.js');

const journal = openJournal({ file: journalPath(dataDir, 'default') });
const account = journal.createAccount({
  name,
  identifier,
  environment,
  currency: 'EUR',
  orderIdPrefix: 'LIVE-',
  settings: { connection: { kind: 'gateway', hosts: { primary: host } }, allowCredit: false, motoClientIp: '127.0.0.1' },
});
await journal.close();
await new FileSecretStore(dataDir).set(`account:${account.id}`, password);
console.log(JSON.stringify({ accountId: account.id }));
