import { describe, expect, it } from 'vitest';
import { compareOutcome, type OperationRef } from '../../../electron/core/notifications/correlate.js';
import { categorizeExecCode, isFinalCategory } from '../../../electron/core/notifications/exec-outcome.js';

const op = (over: Partial<OperationRef> = {}): OperationRef => ({
  id: 'op-1',
  identifier: 'ID',
  operationType: 'payment',
  orderId: 'O-1',
  transactionId: 'A1',
  syncState: 'answered',
  syncExecCode: '0000',
  ...over,
});

describe('compareOutcome', () => {
  it('flags a final report in another category than the synchronous answer', () => {
    const d = compareOutcome(op(), '4001', 'notification', 5);
    expect(d).toEqual({
      kind: 'category_mismatch',
      operationId: 'op-1',
      source: 'notification',
      syncExecCode: '0000',
      syncCategory: 'approved',
      reportedExecCode: '4001',
      reportedCategory: 'declined',
      detectedAt: 5,
    });
  });

  it('does not flag a confirmation in the same category, even with another code', () => {
    expect(compareOutcome(op({ syncExecCode: '4001' }), '4002', 'notification', 0)).toBeUndefined();
    expect(compareOutcome(op(), '0000', 'notification', 0)).toBeUndefined();
  });

  it('flags a result that arrives when the synchronous answer is unknown', () => {
    expect(compareOutcome(op({ syncState: 'unknown', syncExecCode: undefined }), '0000', 'status_lookup', 0)).toMatchObject({
      kind: 'sync_unknown',
      source: 'status_lookup',
      reportedCategory: 'approved',
    });
  });

  it('does not flag the expected end of a pending answer (3-D Secure, redirect, 5004 timeout)', () => {
    for (const sync of ['0001', '0002', '0003', '5004']) {
      expect(compareOutcome(op({ syncExecCode: sync }), '4008', 'notification', 0)).toBeUndefined();
    }
  });

  it('never flags a non-final report', () => {
    expect(compareOutcome(op(), '0001', 'notification', 0)).toBeUndefined();
    expect(compareOutcome(op({ syncState: 'unknown' }), '0003', 'notification', 0)).toBeUndefined();
  });

  it('uses an injected categoriser', () => {
    const everythingDeclined = () => 'declined' as const;
    expect(compareOutcome(op(), '4001', 'notification', 0, everythingDeclined)).toBeUndefined();
  });
});

describe('exec outcome', () => {
  it('maps the documented ranges', () => {
    const table: Record<string, string | undefined> = {
      '0000': 'approved',
      '0001': 'action_required',
      '0003': 'pending',
      '1003': 'invalid_request',
      '2004': 'invalid_request',
      '3002': 'account_configuration',
      '4001': 'declined',
      '5001': 'gateway_error_retryable',
      '5004': 'pending',
      '5999': 'gateway_error_final',
      '6001': 'fraud',
      // Outside every documented range: the shared table treats it as a final gateway error.
      '9999': 'gateway_error_final',
      abcd: undefined,
    };
    for (const [code, category] of Object.entries(table)) expect(categorizeExecCode(code), code).toBe(category);
    expect(isFinalCategory('pending')).toBe(false);
    expect(isFinalCategory(undefined)).toBe(false);
    expect(isFinalCategory('declined')).toBe(true);
  });
});
