import { describe, expect, it } from 'vitest';
import { accountsOperations } from '../../shared/contract/accounts.js';
import { appOperations } from '../../shared/contract/app.js';
import { auditOperations } from '../../shared/contract/audit.js';
import { OPERATION_NAMES } from '../../shared/contract/channels.js';
import { composeSlices } from '../../shared/contract/define.js';
import { historyOperations } from '../../shared/contract/history.js';
import { operations } from '../../shared/contract/operations.js';
import { reconciliationOperations } from '../../shared/contract/reconciliation.js';
import { reportsOperations } from '../../shared/contract/reports.js';
import { operatorsOperations } from '../../shared/contract/operators.js';
import { settingsOperations } from '../../shared/contract/settings.js';
import { terminalOperations } from '../../shared/contract/terminal.js';

/**
 * Each capability declares its operations in its own slice of the contract; the registry is
 * the slices put together, each name in exactly one, checked by the compiler and again when
 * the slices are put together.
 */
describe('contract slices', () => {
  const compose = composeSlices(['a.one', 'a.two', 'b.one'] as const);

  it('put together hold every operation of channels.ts, each declared by one slice', () => {
    expect(Object.keys(operations).sort()).toEqual([...OPERATION_NAMES].sort());
    const slices = [
      appOperations,
      settingsOperations,
      accountsOperations,
      terminalOperations,
      historyOperations,
      reportsOperations,
      reconciliationOperations,
      operatorsOperations,
      auditOperations,
    ];
    for (const name of OPERATION_NAMES)
      expect(
        slices.filter((slice) => Object.hasOwn(slice, name)),
        name,
      ).toHaveLength(1);
  });

  it('are put together name for name', () => {
    expect(compose({ 'a.one': 1, 'a.two': 2 }, { 'b.one': 3 })).toEqual({ 'a.one': 1, 'a.two': 2, 'b.one': 3 });
  });

  it('refuse a name in two slices, a name missing, and a name no operation has (at compile time and at run time)', () => {
    // @ts-expect-error 'a.one' is repeated
    expect(() => compose({ 'a.one': 1, 'a.two': 2 }, { 'b.one': 3, 'a.one': 4 })).toThrow('a.one is in two slices');
    // @ts-expect-error 'b.one' is missing
    expect(() => compose({ 'a.one': 1, 'a.two': 2 })).toThrow('no slice has b.one');
    // @ts-expect-error 'c.one' is unknown
    expect(() => compose({ 'a.one': 1, 'a.two': 2 }, { 'b.one': 3, 'c.one': 5 })).toThrow('c.one is not an operation');
  });
});
