import { describe, expect, it } from 'vitest';
import { presetRange } from '../../../renderer/src/features/history/zoned-range.js';

/** Expected instants are written by hand from the zones' published offsets. */
describe('date presets in the operator’s time zone', () => {
  // Wednesday 2026-03-11 10:00 UTC = 11:00 in Paris (CET, +1).
  const now = Date.UTC(2026, 2, 11, 10, 0, 0);

  it('cuts today and yesterday at midnight in Paris, not UTC', () => {
    expect(presetRange('today', now, 'Europe/Paris')).toEqual({ from: Date.UTC(2026, 2, 10, 23), to: Date.UTC(2026, 2, 11, 23) });
    expect(presetRange('yesterday', now, 'Europe/Paris')).toEqual({ from: Date.UTC(2026, 2, 9, 23), to: Date.UTC(2026, 2, 10, 23) });
  });

  it('starts the week on Monday and the month on the 1st', () => {
    expect(presetRange('thisWeek', now, 'Europe/Paris')).toEqual({ from: Date.UTC(2026, 2, 8, 23), to: Date.UTC(2026, 2, 15, 23) });
    // March 29th, 2026: Paris moves to CEST (+2), so April starts at 22:00 UTC.
    expect(presetRange('thisMonth', now, 'Europe/Paris')).toEqual({ from: Date.UTC(2026, 1, 28, 23), to: Date.UTC(2026, 2, 31, 22) });
  });

  it('counts the day of the change to summer time as 23 hours', () => {
    const onChange = Date.UTC(2026, 2, 29, 12);
    expect(presetRange('today', onChange, 'Europe/Paris')).toEqual({ from: Date.UTC(2026, 2, 28, 23), to: Date.UTC(2026, 2, 29, 22) });
  });

  it('takes the operator’s day, which may be another UTC day', () => {
    // 12:00 UTC on the 11th is already 01:00 on the 12th in Auckland (+13 in March).
    expect(presetRange('today', Date.UTC(2026, 2, 11, 12), 'Pacific/Auckland')).toEqual({ from: Date.UTC(2026, 2, 11, 11), to: Date.UTC(2026, 2, 12, 11) });
  });

  it('includes both custom days, and leaves an open end open', () => {
    expect(presetRange('custom', now, 'UTC', { from: '2026-03-01', to: '2026-03-02' })).toEqual({ from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 3) });
    expect(presetRange('custom', now, 'UTC', { from: '2026-03-01' })).toEqual({ from: Date.UTC(2026, 2, 1) });
    expect(presetRange('all', now, 'UTC')).toEqual({});
  });
});
