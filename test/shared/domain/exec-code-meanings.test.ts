import { describe, expect, it } from 'vitest';
import { EXEC_CATEGORIES } from '../../../shared/domain/exec-category.js';
import { describeExecCode, EXEC_CODES, execCategory, isApproved, normalizeExecCode } from '../../../shared/domain/exec-code-meanings.js';

/** Every code of the fact sheet's section 5 table. */
const TABLE = [
  '0000',
  '0001',
  '0002',
  '0003',
  '0004',
  '1001',
  '1002',
  '1003',
  '1004',
  '1005',
  '1006',
  '1007',
  '2001',
  '2002',
  '2003',
  '2004',
  '2005',
  '2006',
  '2007',
  '2008',
  '2009',
  '2010',
  '2011',
  '2012',
  '2013',
  '2014',
  '2015',
  '2016',
  '2017',
  '2018',
  '2019',
  '2020',
  '3001',
  '3002',
  '3003',
  '3004',
  '3006',
  '3007',
  '3008',
  '4001',
  '4002',
  '4003',
  '4004',
  '4005',
  '4006',
  '4007',
  '4008',
  '4009',
  '4010',
  '4011',
  '4012',
  '4013',
  '4014',
  '4015',
  '4016',
  '4017',
  '5001',
  '5002',
  '5003',
  '5004',
  '5005',
  '6001',
  '6002',
  '6003',
  '6004',
  '6005',
];

describe('EXEC_CODES table', () => {
  it('holds every code of the fact sheet, and nothing else', () => {
    expect(Object.keys(EXEC_CODES).sort()).toEqual([...TABLE].sort());
  });

  it('gives every code a valid category, a retry policy and words in both languages', () => {
    for (const code of TABLE) {
      const entry = describeExecCode(code);
      expect(entry.known).toBe(true);
      expect(EXEC_CATEGORIES).toContain(entry.category);
      expect(['backup_url', 'later', 'no', 'wait_notification']).toContain(entry.retry);
      for (const words of [entry.en, entry.fr]) {
        expect(words.message.trim().length).toBeGreaterThan(3);
        expect(words.hint.trim().length).toBeGreaterThan(3);
      }
      expect(entry.fr.message).not.toBe(entry.en.message);
    }
  });

  it('maps the special codes as the issue asks', () => {
    expect(execCategory('0000')).toBe('approved');
    expect(execCategory('0001')).toBe('action_required');
    expect(execCategory('0002')).toBe('action_required');
    expect(execCategory('0003')).toBe('pending');
    expect(execCategory('5004')).toBe('pending');
    expect(describeExecCode('5004').retry).toBe('wait_notification');
    // Partially accepted: money moved, so it is a success to reconcile, not a decline.
    expect(execCategory('0004')).toBe('approved');
  });

  it('tells where to retry the 5xxx codes', () => {
    expect(describeExecCode('5001')).toMatchObject({ category: 'gateway_error_retryable', retry: 'backup_url' });
    expect(describeExecCode('5003')).toMatchObject({ category: 'gateway_error_retryable', retry: 'backup_url' });
    expect(describeExecCode('5002')).toMatchObject({ category: 'gateway_error_retryable', retry: 'later' });
    expect(describeExecCode('5005')).toMatchObject({ category: 'gateway_error_retryable', retry: 'later' });
  });

  it('keeps the range category of the other codes', () => {
    const byRange: Record<string, string> = { '1': 'invalid_request', '2': 'invalid_request', '3': 'account_configuration', '4': 'declined', '6': 'fraud' };
    for (const code of TABLE) {
      const expected = byRange[code.charAt(0)];
      if (expected) expect(execCategory(code), code).toBe(expected);
    }
  });

  it('words 4002 for the operator', () => {
    const entry = describeExecCode('4002');
    expect(entry.en).toEqual({ message: 'Insufficient funds', hint: 'Ask the customer for another card' });
    expect(entry.fr.message).toBe('Provision insuffisante');
    expect(entry.fr.hint).toBe('Demandez une autre carte au client');
  });
});

describe('unknown codes fall back by range', () => {
  it.each([
    ['0099', 'pending'],
    ['1999', 'invalid_request'],
    ['2999', 'invalid_request'],
    ['3999', 'account_configuration'],
    ['4999', 'declined'],
    ['5999', 'gateway_error_final'],
    ['6999', 'fraud'],
    ['9001', 'gateway_error_final'],
    ['abc', 'gateway_error_final'],
    ['', 'gateway_error_final'],
  ])('%s -> %s', (code, category) => {
    const entry = describeExecCode(code);
    expect(entry.known).toBe(false);
    expect(entry.category).toBe(category);
    expect(entry.en.message.length).toBeGreaterThan(0);
    expect(entry.fr.hint.length).toBeGreaterThan(0);
  });
});

describe('normalizeExecCode', () => {
  it('pads the short codes of getTransactions rows and accepts numbers', () => {
    expect(normalizeExecCode('0')).toBe('0000');
    expect(normalizeExecCode(4002)).toBe('4002');
    expect(normalizeExecCode(' 1 ')).toBe('0001');
    expect(normalizeExecCode(' 4001 ')).toBe('4001');
    // Not a code: left as it is, never padded into one (an empty EXECCODE is not 0000).
    expect(normalizeExecCode('')).toBe('');
    expect(normalizeExecCode('abc')).toBe('abc');
    expect(normalizeExecCode('12345')).toBe('12345');
    expect(isApproved('0')).toBe(true);
    expect(isApproved('0001')).toBe(false);
  });
});
