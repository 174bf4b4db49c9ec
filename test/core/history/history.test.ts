import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryRow, HistoryTotals, OperationDetail } from '../../../shared/contract/history.js';
import { PAN, startCore, type Operation, type TestCore } from '../../support/start-core.js';

/** Issue 18 item 1 and 2, core's side: pages, totals, filters and the detail of the history capability. */
describe('history over the contract', () => {
  let f: TestCore;
  let first: Operation;
  let second: Operation;
  let third: Operation;
  const page = (filter: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    f.invoke<{ items: HistoryRow[]; nextCursor: string | null }>('history.page', { filter, ...extra });

  beforeAll(async () => {
    f = await startCore({ followUpDelayMs: 0 });
    first = await f.pay({ amount: 1500, orderId: 'HIST-ONE', customer: { email: 'zoe@example.com', name: 'Zoé Martin', ident: 'Z-1' } });
    second = await f.pay({ amount: 2500, orderId: 'HIST-TWO' });
    third = await f.pay({ amount: 4000, orderId: 'HIST-THREE', operation: 'authorization' });
  });
  afterAll(async () => {
    await f.close();
  });

  it('finds an operation by its ORDERID, and nothing else', async () => {
    const found = await page({ orderId: 'HIST-TWO' });
    expect(found.items.map((row) => row.id)).toEqual([second.id]);
  });

  it('finds by last four, newest first, and pages by keyset without repeating a row', async () => {
    const all = await page({ last4: PAN.slice(-4) });
    expect(all.items.map((row) => row.id)).toEqual([third.id, second.id, first.id]);
    const one = await page({ last4: PAN.slice(-4) }, { limit: 2 });
    expect(one.items).toHaveLength(2);
    const rest = await page({ last4: PAN.slice(-4) }, { limit: 2, cursor: one.nextCursor });
    expect(rest.items.map((row) => row.id)).toEqual([first.id]);
    expect(rest.nextCursor).toBeNull();
  });

  it('sorts by amount', async () => {
    const found = await page({}, { sort: { by: 'amount', direction: 'asc' } });
    expect(found.items.map((row) => row.amount)).toEqual([1500, 2500, 4000]);
  });

  it('finds a customer by e-mail in the customer box, by name words, and anything by free text', async () => {
    expect((await page({ customer: 'ZOE@example.com' })).items.map((row) => row.id)).toEqual([first.id]);
    expect((await page({ customer: 'zoe mar' })).items.map((row) => row.id)).toEqual([first.id]);
    expect((await page({ text: 'hist-thr' })).items.map((row) => row.id)).toEqual([third.id]);
  });

  it('never hands the idempotency key or the alias to a list', async () => {
    const [row] = (await page({ orderId: 'HIST-ONE' })).items;
    expect(row).not.toHaveProperty('idempotencyKey');
    expect(row).not.toHaveProperty('alias');
  });

  it('counts and totals the current filter per currency', async () => {
    const totals = await f.invoke<HistoryTotals>('history.totals', { filter: { types: ['payment'] } });
    expect(totals).toEqual({ count: 2, byCurrency: [{ currency: 'EUR', count: 2, amount: 4000 }] });
    const none = await f.invoke<HistoryTotals>('history.totals', { filter: { orderId: 'NOPE' } });
    expect(none).toEqual({ count: 0, byCurrency: [] });
  });

  it('filters by confirmation with the rule the views follow', async () => {
    await f.until(first.id, (view) => view.confirmation === 'confirmed');
    const confirmed = await page({ confirmations: ['confirmed'], orderId: 'HIST-ONE' });
    expect(confirmed.items.map((row) => row.id)).toEqual([first.id]);
    const awaiting = await page({ confirmations: ['awaiting', 'discrepancy'], orderId: 'HIST-ONE' });
    expect(awaiting.items).toEqual([]);
  });

  it('refuses a filter it cannot read, and a cursor of another filter', async () => {
    const bad = await f.call('history.page', { filter: { last4: '12' } });
    expect(bad.ok).toBe(false);
    const one = await page({}, { limit: 1 });
    const other = await f.call('history.page', { filter: { types: ['payment'] }, limit: 1, cursor: one.nextCursor });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.code).toBe('JOURNAL_INVALID_CURSOR');
  });

  it('shows the detail: the timeline without card data, the parent and its follow-ups', async () => {
    const capture = await f.invoke<{ operation: Operation }>('operations.capture', { operationId: third.id, idempotencyKey: f.key('cap'), amount: 1000 });
    const detail = await f.invoke<OperationDetail>('history.detail', { operationId: third.id });
    expect(detail.operation.id).toBe(third.id);
    expect(detail.timeline.map((entry) => entry.kind).slice(0, 3)).toEqual(['intent_recorded', 'request_sent', 'response']);
    expect(detail.timeline.find((entry) => entry.kind === 'response')?.execCode).toBe('0000');
    const text = JSON.stringify(detail);
    expect(text).not.toContain(PAN);
    expect(text).not.toMatch(/cvv|CARDCVV/i);
    expect(detail.followUps.map((child) => child.id)).toEqual([capture.operation.id]);
    expect(detail.parent).toBeNull();
    const child = await f.invoke<OperationDetail>('history.detail', { operationId: capture.operation.id });
    expect(child.parent?.id).toBe(third.id);
    expect(child.parent?.actions.capturableAmount).toBe(0);
  });

  it('keeps saved filters in the profile’s settings, refusing fixed dates and a card number in a name', async () => {
    const saved = { name: 'Refunds this week', preset: 'thisWeek', filter: { types: ['refund'] } };
    const settings = await f.invoke<{ historyFilters: unknown[] }>('settings.update', { historyFilters: [saved] });
    expect(settings.historyFilters).toEqual([saved]);
    expect((await f.invoke<{ historyFilters: unknown[] }>('settings.get')).historyFilters).toEqual([saved]);
    const fixed = await f.call('settings.update', { historyFilters: [{ ...saved, filter: { from: 1 } }] });
    expect(fixed.ok).toBe(false);
    const twice = await f.call('settings.update', { historyFilters: [saved, saved] });
    expect(twice.ok).toBe(false);
    const card = await f.call('settings.update', { historyFilters: [{ ...saved, name: `card ${PAN}` }] });
    expect(card.ok).toBe(false);
    if (!card.ok) expect(card.error.code).toBe('PAYMENT_CARD_NUMBER_IN_TEXT');
    expect((await f.invoke<{ historyFilters: unknown[] }>('settings.get')).historyFilters).toEqual([saved]);
  });
});
