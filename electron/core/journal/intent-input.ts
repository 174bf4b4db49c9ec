import { createHash } from 'node:crypto';
import { MONEY_OPERATION_TYPES } from '../../../shared/domain/operation-type.js';
import { assertNoCardNumber, type CardNumberScope } from './card-data-guard.js';
import { JournalError } from './journal-error.js';
import type { IntentInput } from './types.js';

/** Checks an intent's shape and refuses card data in its text, before anything is written. */

const FOLLOW_UP_TYPES = new Set(['capture', 'refund', 'void']);

function fail(detail: string): never {
  throw new JournalError('JOURNAL_INVALID_INPUT', detail);
}

function optionalText(name: string, value: unknown, max: number, scope: CardNumberScope = 'typed'): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length > max) fail(`${name}: text of at most ${max} characters`);
  assertNoCardNumber(name, value, scope);
}

function optionalPattern(name: string, value: unknown, pattern: RegExp): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !pattern.test(value)) fail(`${name}: bad format`);
}

/** The plan as AMOUNTS sends it: 2 or more dates in order, positive amounts adding up to the payment. */
function validatePlan(input: IntentInput): void {
  const plan = input.instalments;
  if (input.type !== 'payment' || !Array.isArray(plan) || plan.length < 2 || plan.length > 92) fail('instalments: 2 or more, on a payment');
  let total = 0;
  let previous = '';
  for (const entry of plan) {
    if (typeof entry?.date !== 'string' || !/^[0-9]{4}-[01][0-9]-[0-3][0-9]$/.test(entry.date) || entry.date <= previous) {
      fail('instalments: dates YYYY-MM-DD, each after the one before');
    }
    if (!Number.isSafeInteger(entry.amount) || entry.amount <= 0) fail('instalments: positive amounts in minor units');
    previous = entry.date;
    total += entry.amount;
  }
  if (total !== input.amount) fail('instalments: they must add up to the amount');
}

export function isFollowUp(type: string): boolean {
  return FOLLOW_UP_TYPES.has(type);
}

export function validateIntent(input: IntentInput): void {
  if (input === null || typeof input !== 'object') fail('intent');
  if (!Number.isSafeInteger(input.accountId)) fail('accountId');
  if (!(MONEY_OPERATION_TYPES as readonly string[]).includes(input.type)) fail('type');
  if (typeof input.idempotencyKey !== 'string' || input.idempotencyKey.length < 1 || input.idempotencyKey.length > 128) {
    fail('idempotencyKey: 1 to 128 characters');
  }
  if (input.amount !== undefined && (!Number.isSafeInteger(input.amount) || input.amount < 0)) {
    fail('amount: a non-negative integer in minor units');
  }
  if (isFollowUp(input.type)) {
    if (!Number.isSafeInteger(input.parentId)) fail('parentId is required for capture, refund and void');
    if (input.amount === 0) fail('amount: a follow-up moves a positive amount');
  } else {
    if (input.parentId !== undefined) fail('parentId: only capture, refund and void have a parent');
    if (input.amount === undefined) fail('amount is required');
  }
  optionalPattern('currency', input.currency, /^[A-Z]{3}$/);
  if (input.orderId !== undefined) {
    if (typeof input.orderId !== 'string' || input.orderId.length < 1 || input.orderId.length > 40) {
      fail('orderId: 1 to 40 characters');
    }
    assertNoCardNumber('orderId', input.orderId);
  }
  const card = input.card ?? {};
  optionalText('card.brand', card.brand, 32);
  optionalPattern('card.bin6', card.bin6, /^[0-9]{6}$/);
  optionalPattern('card.last4', card.last4, /^[0-9]{4}$/);
  optionalPattern('card.expiry', card.expiry, /^(0[1-9]|1[0-2])-[0-9]{2}$/);
  optionalText('card.holderName', card.holderName, 255);
  const customer = input.customer ?? {};
  optionalText('customer.ident', customer.ident, 255);
  optionalText('customer.email', customer.email, 255);
  optionalText('customer.name', customer.name, 255);
  optionalText('description', input.description, 510);
  optionalText('operator', input.operator, 128);
  // An ALIAS is the gateway's identifier (`A1-<uuid>`), not text anyone typed.
  optionalText('alias', input.alias, 64, 'standalone');
  if (input.aliasMode !== undefined && input.aliasMode !== 'oneclick' && input.aliasMode !== 'subscription') {
    fail('aliasMode');
  }
  if (input.createAlias !== undefined && typeof input.createAlias !== 'boolean') fail('createAlias');
  if (input.instalments !== undefined) validatePlan(input);
  if (input.instalment !== undefined && (input.type !== 'refund' || !Number.isSafeInteger(input.instalment) || input.instalment < 1)) {
    fail('instalment: the 1-based instalment a refund targets');
  }
  optionalPattern('fingerprint', input.fingerprint, /^[0-9a-f]{64}$/);
  if (input.at !== undefined && !Number.isSafeInteger(input.at)) fail('at');
}

/**
 * What makes two submissions "the same": everything the operator entered, not when. A retry
 * of the same form (same idempotency key) must hash equal; any changed field must not.
 */
export function intentHash(input: IntentInput): string {
  const content = {
    accountId: input.accountId,
    type: input.type,
    amount: input.amount ?? null,
    currency: input.currency ?? null,
    orderId: input.orderId ?? null,
    parentId: input.parentId ?? null,
    card: input.card ? [input.card.brand, input.card.bin6, input.card.last4, input.card.expiry, input.card.holderName].map((v) => v ?? null) : null,
    customer: input.customer ? [input.customer.ident, input.customer.email, input.customer.name].map((v) => v ?? null) : null,
    description: input.description ?? null,
    operator: input.operator ?? null,
    alias: input.alias ?? null,
    aliasMode: input.aliasMode ?? null,
    createAlias: input.createAlias ?? null,
    // Only when present, so intents without them hash as they always did.
    ...(input.instalments ? { instalments: input.instalments.map((entry) => [entry.date, entry.amount]) } : {}),
    ...(input.instalment !== undefined ? { instalment: input.instalment } : {}),
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
