import { describe, expect, it } from 'vitest';
import { judge } from './report.js';

// The verdicts bench/REPORT.md prints: met or missed against the target, with the margin.
describe('a benchmark figure judged against its target', () => {
  it('gives the margin kept under a ceiling, and the miss over it', () => {
    expect(judge({ figure: 'p95', unit: 'ms', measured: 40, target: { comparison: '<', value: 50 } }, 'b')).toMatchObject({ verdict: 'met', margin: 0.2 });
    expect(judge({ figure: 'p99', unit: 'ms', measured: 12, target: { comparison: '<', value: 10 } }, 'b')).toMatchObject({ verdict: 'missed', margin: -0.2 });
  });

  it('judges a floor the other way round', () => {
    expect(judge({ figure: 'rate', unit: '/s', measured: 3_600, target: { comparison: '>=', value: 3_000 } }, 'b')).toMatchObject({ verdict: 'met', margin: 0.2 });
    expect(judge({ figure: 'rate', unit: '/s', measured: 1_500, target: { comparison: '>=', value: 3_000 } }, 'b')).toMatchObject({ verdict: 'missed', margin: -0.5 });
  });

  it('judges a target on the ratio to the baseline of the same run ("within 1.5x of sqlite3")', () => {
    const within = judge({ figure: 'csv', unit: 's', measured: 12, baseline: { name: 'sqlite3 -csv', value: 10 }, target: { comparison: '<=', value: 1.5, on: 'ratio' } }, 'b');
    expect(within).toMatchObject({ ratio: 1.2, verdict: 'met' });
    expect(within.margin).toBeCloseTo(0.2);
    expect(judge({ figure: 'csv', unit: 's', measured: 20, baseline: { name: 'sqlite3 -csv', value: 10 }, target: { comparison: '<=', value: 1.5, on: 'ratio' } }, 'b').verdict).toBe('missed');
  });

  it('says when a figure has no target rather than calling it met, and misses a ratio target without a baseline', () => {
    expect(judge({ figure: 'x', unit: 'ms', measured: 1 }, 'b')).toMatchObject({ verdict: 'no target', margin: null, ratio: null });
    expect(judge({ figure: 'x', unit: 's', measured: 1, target: { comparison: '<=', value: 1.5, on: 'ratio' } }, 'b').verdict).toBe('missed');
  });
});
