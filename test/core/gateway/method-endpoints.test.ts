import { describe, expect, it } from 'vitest';
import { METHOD_ENDPOINT } from '../../../electron/core/gateway/methods.js';
import { METHOD_ENDPOINTS } from '../../../electron/core/sandbox/operation-rules.js';

/**
 * The gateway client and the built-in sandbox each keep a method → path table (the sandbox on
 * purpose: an emulator reading the client's table could not catch its mistakes). Both are held
 * here to the fact sheet, section 2.2, transcribed by hand, so neither can drift alone.
 */
const FACT_SHEET_2_2 = {
  payment: 'process',
  authorization: 'process',
  capture: 'process',
  refund: 'process',
  credit: 'process',
  void: 'process',
  stopntimes: 'process',
  getTransactions: 'export',
  exportTransactions: 'export',
  exportChargebacks: 'export',
  exportReconciliation: 'reconciliation',
  exportReconciledTransactions: 'reconciliation',
};

describe('which path serves which method (fact sheet 2.2)', () => {
  it('is what the gateway client sends to', () => {
    expect({ ...METHOD_ENDPOINT }).toEqual(FACT_SHEET_2_2);
  });

  it('is what the built-in sandbox serves', () => {
    expect({ ...METHOD_ENDPOINTS }).toEqual(FACT_SHEET_2_2);
  });
});
