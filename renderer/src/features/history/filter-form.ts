import type { HistoryFilter } from '../../../../shared/contract/history-filter.js';
import type { OperationStatus } from '../../../../shared/domain/operation-status.js';
import type { OperationType } from '../../../../shared/domain/operation-type.js';
import type { SavedHistoryFilter } from '../../../../shared/contract/history-filter.js';
import { amountInputText, parseAmount } from '../../../../shared/domain/money.js';
import { presetRange, type DatePreset } from './zoned-range.js';

export const CONFIRMATIONS = ['confirmed', 'awaiting', 'discrepancy', 'not_found_yet', 'not_found', 'none'] as const;
type Confirmation = (typeof CONFIRMATIONS)[number];

/** What the filter bar holds, as typed: turned into a `HistoryFilter` by `toHistoryFilter`. */
export interface FilterForm {
  readonly preset: DatePreset;
  readonly customFrom: string;
  readonly customTo: string;
  readonly statuses: readonly OperationStatus[];
  readonly confirmations: readonly Confirmation[];
  readonly types: readonly OperationType[];
  readonly accountIds: readonly number[];
  readonly operator: string;
  readonly amountMin: string;
  readonly amountMax: string;
  readonly brands: readonly string[];
  readonly last4: string;
  readonly orderId: string;
  readonly transactionId: string;
  readonly customer: string;
  readonly text: string;
}

export const EMPTY_FORM: FilterForm = {
  preset: 'all',
  customFrom: '',
  customTo: '',
  statuses: [],
  confirmations: [],
  types: [],
  accountIds: [],
  operator: '',
  amountMin: '',
  amountMax: '',
  brands: [],
  last4: '',
  orderId: '',
  transactionId: '',
  customer: '',
  text: '',
};

/** Fields of the form that are not yet a filter core can read (the bar marks them). */
export type FormProblem = 'last4' | 'amountMin' | 'amountMax';

function amount(text: string, currency: string, locale: string): number | undefined | 'invalid' {
  if (text.trim() === '') return undefined;
  const parsed = parseAmount(text, currency, locale);
  return parsed.ok ? parsed.minor : 'invalid';
}

/**
 * The filter core reads for what the bar holds, now, in the operator's zone. A field still
 * being typed (three digits of a last four, an amount that does not parse) is left out and
 * named in `problems`, so the table keeps answering the rest of the filter.
 */
export function toHistoryFilter(
  form: FilterForm,
  now: number,
  timeZone: string,
  currency: string,
  locale: string,
): { filter: HistoryFilter; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const range = presetRange(form.preset, now, timeZone, { from: form.customFrom, to: form.customTo });
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const list = <T>(values: readonly T[]) => (values.length === 0 ? undefined : [...values]);
  const last4 = form.last4.trim();
  if (last4 !== '' && !/^\d{4}$/.test(last4)) problems.push('last4');
  let amountMin = amount(form.amountMin, currency, locale);
  let amountMax = amount(form.amountMax, currency, locale);
  if (amountMin === 'invalid') {
    problems.push('amountMin');
    amountMin = undefined;
  }
  if (amountMax === 'invalid' || (amountMax !== undefined && amountMin !== undefined && amountMax < amountMin)) {
    problems.push('amountMax');
    amountMax = undefined;
  }
  const validRange = range.from === undefined || range.to === undefined || range.from < range.to;
  const candidate: HistoryFilter = {
    ...(validRange ? range : {}),
    statuses: list(form.statuses),
    confirmations: list(form.confirmations),
    types: list(form.types),
    accountIds: list(form.accountIds),
    operators: text(form.operator) === undefined ? undefined : [form.operator.trim()],
    amountMin,
    amountMax,
    brands: list(form.brands),
    last4: problems.includes('last4') || last4 === '' ? undefined : last4,
    orderId: text(form.orderId),
    transactionId: text(form.transactionId),
    customer: text(form.customer),
    text: text(form.text),
  };
  const filter = Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined)) as HistoryFilter;
  return { filter, problems };
}

/** The bar as a saved filter: its dates as the preset, never as the bounds of the day it was saved. */
export function toSavedFilter(name: string, form: FilterForm, currency: string, locale: string): SavedHistoryFilter {
  const { filter } = toHistoryFilter({ ...form, preset: 'all' }, 0, 'UTC', currency, locale);
  return {
    name: name.trim(),
    preset: form.preset,
    ...(form.preset === 'custom' && form.customFrom !== '' ? { customFrom: form.customFrom } : {}),
    ...(form.preset === 'custom' && form.customTo !== '' ? { customTo: form.customTo } : {}),
    filter,
  };
}

/** A saved filter back in the bar, amounts written in the operator's locale. */
export function fromSavedFilter(saved: SavedHistoryFilter, currency: string, locale: string): FilterForm {
  const { filter } = saved;
  const amount = (minor: number | undefined) => (minor === undefined ? '' : amountInputText(minor, currency, locale));
  return {
    ...EMPTY_FORM,
    preset: saved.preset,
    customFrom: saved.customFrom ?? '',
    customTo: saved.customTo ?? '',
    statuses: filter.statuses ?? [],
    confirmations: (filter.confirmations ?? []).filter((value): value is Confirmation => (CONFIRMATIONS as readonly string[]).includes(value)),
    types: filter.types ?? [],
    accountIds: filter.accountIds ?? [],
    operator: filter.operators?.[0] ?? '',
    amountMin: amount(filter.amountMin),
    amountMax: amount(filter.amountMax),
    brands: filter.brands ?? [],
    last4: filter.last4 ?? '',
    orderId: filter.orderId ?? '',
    transactionId: filter.transactionId ?? '',
    customer: filter.customer ?? '',
    text: filter.text ?? '',
  };
}
