import { describe, expect, it } from 'vitest';
import { HistoryFilter, SavedHistoryFilter } from '../../../shared/contract/history-filter.js';
import { EMPTY_FORM, fromSavedFilter, toHistoryFilter, toSavedFilter } from '../../../renderer/src/features/history/filter-form.js';

/** What the filter bar sends core: only what core can read, half-typed fields named, never sent. */
describe('the filter bar’s filter', () => {
  const now = Date.UTC(2026, 2, 11, 10);

  it('sends nothing for an empty bar', () => {
    expect(toHistoryFilter(EMPTY_FORM, now, 'UTC', 'EUR', 'en')).toEqual({ filter: {}, problems: [] });
  });

  it('turns typed amounts into minor units in the operator’s locale, and bounds today in their zone', () => {
    const { filter, problems } = toHistoryFilter(
      { ...EMPTY_FORM, preset: 'today', amountMin: '12,50', amountMax: '1 000', last4: '4444', orderId: ' CMD-1 ', types: ['refund'] },
      now,
      'Europe/Paris',
      'EUR',
      'fr',
    );
    expect(problems).toEqual([]);
    expect(filter).toEqual({
      from: Date.UTC(2026, 2, 10, 23),
      to: Date.UTC(2026, 2, 11, 23),
      amountMin: 1250,
      amountMax: 100_000,
      last4: '4444',
      orderId: 'CMD-1',
      types: ['refund'],
    });
    expect(HistoryFilter.safeParse(filter).success).toBe(true);
  });

  it('leaves out a half-typed last four and a reversed amount range, and names them', () => {
    const { filter, problems } = toHistoryFilter({ ...EMPTY_FORM, last4: '444', amountMin: '50', amountMax: '10' }, now, 'UTC', 'EUR', 'en');
    expect(problems).toEqual(['last4', 'amountMax']);
    expect(filter).toEqual({ amountMin: 5000 });
  });

  it('sends an operator as a list of one, and a custom end after its start only', () => {
    expect(toHistoryFilter({ ...EMPTY_FORM, operator: 'ana' }, now, 'UTC', 'EUR', 'en').filter).toEqual({ operators: ['ana'] });
    const reversed = toHistoryFilter({ ...EMPTY_FORM, preset: 'custom', customFrom: '2026-03-05', customTo: '2026-03-01' }, now, 'UTC', 'EUR', 'en');
    expect(HistoryFilter.safeParse(reversed.filter).success).toBe(true);
  });

  it('saves the bar with its dates as a preset, and puts it back as it was', () => {
    const form = { ...EMPTY_FORM, preset: 'thisWeek' as const, amountMin: '12,50', last4: '4444', statuses: ['approved' as const], text: 'martin' };
    const saved = toSavedFilter(' Semaine ', form, 'EUR', 'fr');
    expect(saved).toEqual({ name: 'Semaine', preset: 'thisWeek', filter: { amountMin: 1250, last4: '4444', statuses: ['approved'], text: 'martin' } });
    expect(SavedHistoryFilter.safeParse(saved).success).toBe(true);
    expect(fromSavedFilter(saved, 'EUR', 'fr')).toEqual(form);
  });
});
