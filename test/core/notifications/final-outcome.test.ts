import { describe, expect, it } from 'vitest';
import { categorizeExecCode, isFinalCategory } from '../../../electron/core/notifications/final-outcome.js';

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
