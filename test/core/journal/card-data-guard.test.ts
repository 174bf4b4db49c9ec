import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assertNoCardData,
  containsCardNumber,
  luhnValid,
  maskCardNumber,
  redactCardNumbers,
  redactPayload,
} from '../../../electron/core/journal/card-data-guard.js';
import { JournalError } from '../../../electron/core/journal/index.js';
import { answer, intent, newJournal, tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

const PANS = ['4111111111111111', '5555556778250000', '372068397730000', '4970100000000063', '6759000000000001'].filter(luhnValid);

describe('Luhn and PAN detection', () => {
  it('knows valid and invalid Luhn numbers', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('5555556778250000')).toBe(true);
    expect(luhnValid('372068397730000')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('12a4')).toBe(false);
    expect(PANS.length).toBeGreaterThanOrEqual(4);
  });

  it('finds 12 to 19 Luhn-valid digits, grouped by spaces or dashes, anywhere in text', () => {
    for (const pan of PANS) {
      expect(containsCardNumber(pan)).toBe(true);
      expect(containsCardNumber(`card: ${pan.replace(/(\d{4})/g, '$1 ').trim()} thanks`)).toBe(true);
      expect(containsCardNumber(`n°${pan.replace(/(\d{4})/g, '$1-').replace(/-$/, '')}`)).toBe(true);
    }
    expect(containsCardNumber('4111111111111112')).toBe(false);
    expect(containsCardNumber('41111111118')).toBe(false);
    // No card network starts with 0, 1, 7, 8 or 9: timestamps and zero runs are not PANs.
    expect(containsCardNumber('0000000000000000000')).toBe(false);
    expect(luhnValid('1795608123455') && luhnValid('20261125103006')).toBe(true);
    expect(containsCardNumber('ORDER-1795608123455 / 20261125103006')).toBe(false);
    expect(containsCardNumber('41111111111111111110')).toBe(false);
    expect(containsCardNumber('order 4111 for 1111 items 1111 1111')).toBe(false);
    expect(containsCardNumber('Commande 123456 du 2026-01-15 à 10:30')).toBe(false);
    expect(containsCardNumber('XXXXXXXXXXXX1111')).toBe(false);
  });

  it('finds the shortest PAN even when its 12 digits are spread out by separators', () => {
    // The guard skips text with fewer than 12 digits before running its pattern: the boundary
    // must count digits, not characters.
    const body = '67590000000';
    const pan = [...'0123456789'].map((d) => body + d).find(luhnValid) as string;
    expect(pan).toHaveLength(12);
    const grouped = `${pan.slice(0, 4)}-${pan.slice(4, 8)}-${pan.slice(8)}`;
    expect(containsCardNumber(`ref ${grouped}`)).toBe(true);
    expect(redactCardNumbers(`ref ${grouped}`)).toBe(`ref XXXXXXXX${pan.slice(-4)}`);
    expect(containsCardNumber(`ref ${grouped.slice(0, -1)}`)).toBe(false);
  });

  it('does not mistake identifiers whose digits are glued to letters for card numbers', () => {
    // A sandbox TRANSACTIONID and hex idempotency keys can hold a Luhn-valid run of 12+ digits.
    expect(containsCardNumber('A4111111111111111')).toBe(false);
    expect(containsCardNumber('k4111111111111111f')).toBe(false);
    expect(containsCardNumber('f0e14111111111111111ab')).toBe(false);
    expect(containsCardNumber('(4111111111111111)')).toBe(true);
  });

  it('masks PANs to their last four digits and drops secrets from payloads', () => {
    expect(redactCardNumbers('pay 4111 1111 1111 1111 now')).toBe('pay XXXXXXXXXXXX1111 now');
    expect(maskCardNumber('411111******1111')).toBe('XXXXXXXXXXXX1111');
    expect(
      redactPayload({
        HASH: 'abc',
        CARDCVV: '123',
        CARDCODE: '5555556778250000',
        nested: [{ note: 'see 4111111111111111' }, 4111111111111111, 42],
        ok: true,
        none: null,
      }),
    ).toEqual({ CARDCODE: 'XXXXXXXXXXXX0000', nested: [{ note: 'see XXXXXXXXXXXX1111' }, 'XXXXXXXXXXXX1111', 42], ok: true, none: null });
    expect(() => assertNoCardData('payload', { a: ['4111111111111111'] })).toThrow(JournalError);
  });
});

describe('the journal never stores a PAN', () => {
  it('refuses operator text holding a PAN, naming the field but never the number', () => {
    const { journal, account } = newJournal(temp.dir);
    const pan = '4111 1111 1111 1111';
    const attempts: Array<Record<string, unknown>> = [
      { description: `card ${pan}` },
      { customer: { name: pan } },
      { customer: { email: `${pan.replace(/ /g, '')}@example.com` } },
      { customer: { ident: pan } },
      { card: { holderName: `J ${pan}` } },
      { operator: pan },
      { orderId: pan.replace(/ /g, '') },
      { alias: pan.replace(/ /g, '') },
    ];
    for (const attempt of attempts) {
      let error: unknown;
      try {
        intent(journal, { accountId: account.id, ...attempt });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(JournalError);
      expect((error as JournalError).code).toBe('JOURNAL_CARD_DATA_REFUSED');
      expect(`${(error as JournalError).message} ${(error as JournalError).detail}`).not.toMatch(/4111/);
    }
    expect(() => journal.createAccount({ name: `Shop ${pan}`, identifier: 'S2', environment: 'test', currency: 'EUR' })).toThrow(
      expect.objectContaining({ code: 'JOURNAL_CARD_DATA_REFUSED' }),
    );
    expect(journal.count({})).toBe(0);
    journal.close();
  });

  it('leaves no PAN anywhere in the database files after the gateway echoed one everywhere', () => {
    const { journal, account, file } = newJournal(temp.dir);
    const pan = '5555556778250000';
    const op = intent(journal, { accountId: account.id, card: { bin6: '555555', last4: '0000' } });
    journal.recordRequestSent(op.id, { params: { CARDCODE: pan, CARDCVV: '987', HASH: 'h' } });
    answer(journal, op.id, '0000', { TRANSACTIONID: 'A1', CARDCODE: pan, MESSAGE: `accepted ${pan}`, CARDFULLNAME: `holder ${pan}` });
    journal.recordNotification({
      params: { IDENTIFIER: 'BOUTIQUE', OPERATIONTYPE: 'payment', ORDERID: op.orderId, TRANSACTIONID: 'A1', EXECCODE: '0000', CARDCODE: pan, EXTRADATA: pan },
    });
    journal.recordNotification({ params: { IDENTIFIER: 'NOBODY', EXECCODE: '0000', CARDCODE: pan, ORDERID: 'x' } });
    journal.recordLookup(op.id, { found: true, row: { EXECCODE: '0', ORDERID: op.orderId, CARDCODE: pan, TRANSACTIONID: 'A1' } });
    const folder = dirname(file);
    const bytes = readdirSync(folder).map((name) => readFileSync(join(folder, name)).toString('latin1')).join('');
    expect(bytes).toContain(op.orderId);
    expect(bytes).not.toContain(pan);
    expect(bytes).not.toContain('987');
    journal.close();
  });
});
