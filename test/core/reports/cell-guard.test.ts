import { describe, expect, it } from 'vitest';
import { guardCell } from '../../../electron/core/reports/cell-guard.js';

describe('formula-injection guard', () => {
  it.each(['=1+1', '+33 6', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])('neutralises %j with a leading apostrophe', (text) => {
    expect(guardCell(text)).toBe(`'${text}`);
  });

  it.each(['Ana', '', '1+1', 'a=b', ' =1'])('leaves %j alone', (text) => {
    expect(guardCell(text)).toBe(text);
  });
});
