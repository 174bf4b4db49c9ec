import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assertNoCardData,
  containsCardNumber,
  findCardNumberInText,
  luhnValid,
  maskCardNumber,
  redactCardNumbers,
  redactPayload,
} from '../../../electron/core/journal/card-data-guard.js';
import { JournalError } from '../../../electron/core/journal/index.js';
import { answer, intent, newJournal, recordNotification, tempDir } from './helpers.js';

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

  it('catches a number glued to letters as people type it, but not in identifiers', () => {
    expect(containsCardNumber('ref4111111111111111x')).toBe(true);
    expect(containsCardNumber('A4111111111111111')).toBe(true);
    expect(containsCardNumber('card:4111111111111111;')).toBe(true);
    expect(redactCardNumbers('ref4111111111111111x')).toBe('refXXXXXXXXXXXX1111x');
    // A sandbox TRANSACTIONID, an alias or a hex key can hold a Luhn-valid run of 12+ digits:
    // in gateway identifiers and whole payloads only a free-standing number counts.
    expect(containsCardNumber('A4111111111111111', 'standalone')).toBe(false);
    expect(containsCardNumber('f0e14111111111111111ab', 'standalone')).toBe(false);
    expect(containsCardNumber('(4111111111111111)', 'standalone')).toBe(true);
    expect(containsCardNumber('A-4111-1111-1111-1111', 'standalone')).toBe(true);
  });

  it('sees through every separator people type or paste between digit groups', () => {
    const pan = '4111111111111111';
    const groups = (separator: string) => pan.replace(/(\d{4})(?=\d)/g, `$1${separator}`);
    const separators: Record<string, string> = {
      'space U+0020': ' ',
      'two spaces': '  ',
      'no-break space U+00A0': '\u00a0',
      'narrow no-break space U+202F': '\u202f',
      'thin space U+2009': '\u2009',
      'figure space U+2007': '\u2007',
      'ideographic space U+3000': '\u3000',
      'em space U+2003': '\u2003',
      tab: '\t',
      'line break': '\n',
      dot: '.',
      'hyphen-minus': '-',
      'hyphen U+2010': '\u2010',
      'non-breaking hyphen U+2011': '\u2011',
      'en dash U+2013': '\u2013',
      'em dash U+2014': '\u2014',
      'minus sign U+2212': '\u2212',
      slash: '/',
      underscore: '_',
      'space, dash, space': ' - ',
      'zero-width space U+200B': '\u200b',
    };
    for (const [name, separator] of Object.entries(separators)) {
      const typed = `carte ${groups(separator)} merci`;
      expect(containsCardNumber(typed), name).toBe(true);
      expect(redactCardNumbers(typed), name).toBe('carte XXXXXXXXXXXX1111 merci');
      expect(containsCardNumber(`ref${groups(separator)}x`), `${name}, glued to letters`).toBe(true);
    }
    // Amex grouping 4-6-5 and a mix of separators in one number.
    expect(containsCardNumber('3720\u00a0683977-30000')).toBe(true);
    expect(containsCardNumber('4111.1111 1111_1111')).toBe(true);
  });

  it('finds a number on group boundaries inside a longer run (expiry or CVV pasted after it)', () => {
    expect(containsCardNumber('4111 1111 1111 1111 12/27 123')).toBe(true);
    expect(containsCardNumber('order 12 4111 1111 1111 1111')).toBe(true);
    expect(redactCardNumbers('4111 1111 1111 1111 12/27')).toBe('XXXXXXXXXXXX1111 12/27');
  });

  it('lets ordinary numbers through: no network prefix, or not Luhn-valid', () => {
    // 12-digit order numbers and references that fail Luhn or start outside every network.
    expect(luhnValid('123456789012')).toBe(false);
    expect(containsCardNumber('Order 123456789012')).toBe(false);
    expect(luhnValid('100000000008')).toBe(true);
    expect(containsCardNumber('Order 100000000008')).toBe(false);
    expect(containsCardNumber('Commande 7000-0000-0007 du 15.01.2026')).toBe(false);
    expect(containsCardNumber('tél. 06 12 34 56 78, le 2026-01-15 à 10:30')).toBe(false);
    expect(containsCardNumber('IP 192.168.001.010')).toBe(false);
    expect(containsCardNumber('4111 1111 1111 1112')).toBe(false);
  });

  it('finds the free-text field holding a card number anywhere in a form, skipping the card number field', () => {
    const skip = new Set(['card.number', 'idempotencyKey']);
    const form = { idempotencyKey: 'k4111111111111111', card: { number: '4111111111111111', holder: 'ANA' }, customer: { name: 'Ana' } };
    expect(findCardNumberInText(form, skip)).toBeUndefined();
    // A note or a reason a follow-up carries tomorrow is covered without naming it here.
    expect(findCardNumberInText({ ...form, refund: { reason: 'card 4111\u00a01111\u00a01111\u00a01111' } }, skip)).toBe('refund.reason');
    expect(findCardNumberInText({ ...form, notes: ['fine', 'pan:4111111111111111'] }, skip)).toBe('notes.1');
  });

  it('knows the networks the form has no brand for (Mir, UnionPay 81, Troy)', () => {
    for (const body of ['220000000000000', '810000000000000', '979200000000000']) {
      const pan = [...'0123456789'].map((d) => body + d).find(luhnValid) as string;
      expect(containsCardNumber(`n ${pan}`), pan).toBe(true);
    }
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
      { orderId: `ref${pan.replace(/ /g, '\u00a0')}x` },
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
    recordNotification(journal, {
      params: { IDENTIFIER: 'BOUTIQUE', OPERATIONTYPE: 'payment', ORDERID: op.orderId, TRANSACTIONID: 'A1', EXECCODE: '0000', CARDCODE: pan, EXTRADATA: pan },
    });
    recordNotification(journal, { params: { IDENTIFIER: 'NOBODY', EXECCODE: '0000', CARDCODE: pan, ORDERID: 'x' } });
    journal.recordLookup(op.id, { found: true, row: { EXECCODE: '0', ORDERID: op.orderId, CARDCODE: pan, TRANSACTIONID: 'A1' } });
    const folder = dirname(file);
    const bytes = readdirSync(folder)
      .map((name) => readFileSync(join(folder, name)).toString('latin1'))
      .join('');
    expect(bytes).toContain(op.orderId);
    expect(bytes).not.toContain(pan);
    expect(bytes).not.toContain('987');
    journal.close();
  });
});
