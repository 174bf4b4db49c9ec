import { hashSecret } from '../../electron/core/operators/secret-hash.js';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FileSecretStore } from '../../electron/core/accounts/secret-store.js';
import { journalPath, openJournal } from '../../electron/core/journal/index.js';
import { decodeGatewayForm, type WireValue } from './fault-server.js';

/** What the stub answers: a status (200 by default) and a JSON body, or a text page. */
export type StubAnswer = { readonly status?: number } & ({ readonly json: unknown } | { readonly text: string });

export interface GatewayStub {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A gateway of the test's own over loopback (a hostile or broken one): every request's method
 * and parameters go to `answer`, which says what comes back.
 */
export async function startGatewayStub(answer: (method: string, params: Record<string, WireValue>) => StubAnswer): Promise<GatewayStub> {
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { method, params } = decodeGatewayForm(Buffer.concat(chunks).toString('utf8'));
      const reply = answer(method ?? '', params);
      const json = 'json' in reply;
      res.writeHead(reply.status ?? 200, { 'content-type': json ? 'application/json' : 'text/html' });
      res.end(json ? JSON.stringify(reply.json) : reply.text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The administrator `addGatewayAccount` creates with the account (a real account needs one). */
export const GATEWAY_ADMIN = { name: 'Admin', secret: 'administrator secret' } as const;

/**
 * Records, in a data folder core has not opened yet, a live account reaching `primary` (and
 * `secondary`, when given), with its gateway password in the secret store. Returns the account's id.
 */
export async function addGatewayAccount(
  dataDir: string,
  account: {
    readonly name: string;
    readonly identifier: string;
    readonly password: string;
    readonly primary: string;
    readonly secondary?: string;
    readonly allowCredit?: boolean;
  },
): Promise<number> {
  const hosts: Record<string, string> =
    account.secondary === undefined ? { primary: account.primary } : { primary: account.primary, secondary: account.secondary };
  // A real account is used only once an administrator exists (issue 17): the desk has one.
  const secretHash = await hashSecret(GATEWAY_ADMIN.secret);
  const journal = openJournal({ file: journalPath(dataDir, 'default') });
  let id: number;
  try {
    if (!journal.operators.findByName(GATEWAY_ADMIN.name))
      journal.operators.create({ name: GATEWAY_ADMIN.name, role: 'admin', secretKind: 'password', secretHash });
    id = journal.createAccount({
      name: account.name,
      identifier: account.identifier,
      environment: 'live',
      currency: 'EUR',
      settings: { connection: { kind: 'gateway', hosts }, allowCredit: account.allowCredit ?? false, motoClientIp: '127.0.0.1' },
    }).id;
  } finally {
    journal.close();
  }
  await new FileSecretStore(dataDir).set(`account:${id}`, account.password);
  return id;
}
