import { describe, expect, it } from 'vitest';
import type { OperationView } from '../../../shared/contract/terminal.js';
import { outcomeWording } from '../../../renderer/src/features/operations/outcome-wording.js';
import { operationView } from '../operation-view.js';

// Confirmed by the gateway, with what it still allows, as an approved payment's view would be.
const view = (patch: Partial<OperationView>): OperationView =>
  operationView({
    confirmation: 'confirmed',
    actions: { capturableAmount: 0, refundableAmount: 10_000, voidable: false, rebillAlias: null, checkStatus: false, followUpsFrom: null },
    ...patch,
  });

/* Issue 14 item 1: the words follow the state, with the net amount, whatever the first answer said. */
describe('outcome wording', () => {
  it('says what follow-ups made of a payment: refunded in part or in full, and what is kept', () => {
    expect(outcomeWording(view({ status: 'partially_refunded', settled: { captured: 0, refunded: 3000 } }), 'en')).toMatchObject({
      tone: 'success',
      headline: { id: 'terminal.outcome.partiallyRefunded', values: { refunded: '€30.00', amount: '€100.00' } },
      net: 7000,
      netLabel: 'terminal.outcome.net.kept',
    });
    expect(outcomeWording(view({ status: 'refunded', settled: { captured: 0, refunded: 10_000 } }), 'en')).toMatchObject({ tone: 'released', net: 0 });
  });

  it('says what became of an authorization: captured (in part), voided, expired', () => {
    const authorization = { type: 'authorization' as const };
    expect(outcomeWording(view({ ...authorization, status: 'partially_captured', settled: { captured: 3000, refunded: 0 } }), 'en')).toMatchObject({
      headline: { id: 'terminal.outcome.partiallyCaptured' },
      net: 3000,
      breakdown: [
        { label: 'terminal.outcome.line.authorized', amount: 10_000 },
        { label: 'terminal.outcome.line.captured', amount: 3000 },
        { label: 'terminal.outcome.line.released', amount: 7000 },
      ],
    });
    expect(outcomeWording(view({ ...authorization, status: 'voided' }), 'en')).toMatchObject({
      tone: 'released',
      headline: { id: 'terminal.outcome.voided' },
      net: 0,
    });
    expect(outcomeWording(view({ ...authorization, status: 'expired' }), 'en')).toMatchObject({ tone: 'released', net: 0 });
    expect(outcomeWording(view({ ...authorization, status: 'authorized' }), 'en')).toMatchObject({
      tone: 'success',
      netLabel: 'terminal.outcome.net.reserved',
    });
  });

  it('never calls a decline confirmed by the gateway a success', () => {
    expect(outcomeWording(view({ status: 'declined', execCode: '4002', confirmation: 'confirmed' }), 'en')).toMatchObject({
      tone: 'failure',
      headline: { id: 'terminal.outcome.declined' },
      netLabel: 'terminal.outcome.net.notCharged',
    });
  });

  it('never says charged of a payment closed as abandoned, nor of one waiting for the customer', () => {
    expect(outcomeWording(view({ status: 'abandoned', execCode: '0001', transactionId: null }), 'en')).toMatchObject({
      tone: 'failure',
      headline: { id: 'terminal.outcome.abandoned' },
      netLabel: 'terminal.outcome.net.notCharged',
    });
    expect(outcomeWording(view({ status: 'pending', execCode: '0001' }), 'en')).toMatchObject({
      tone: 'waiting',
      headline: { id: 'terminal.outcome.awaitingCustomer' },
      netLabel: 'terminal.outcome.net.notKnown',
    });
  });

  it('counts only the instalments charged so far of a payment in instalments, and refunds against them', () => {
    const instalments = (states: Array<'charged' | 'scheduled'>) => ({
      scheduleId: 'S1',
      entries: states.map((state, index) => ({
        seq: index + 1,
        date: `2026-0${index + 1}-01`,
        amount: [4000, 3000, 3000][index] as number,
        state,
        transactionId: state === 'charged' ? `T${index}` : null,
      })),
      stop: null,
      stoppable: true,
    });
    expect(outcomeWording(view({ instalments: instalments(['charged', 'scheduled', 'scheduled']) }), 'en')).toMatchObject({
      tone: 'success',
      net: 4000,
      netLabel: 'terminal.outcome.net.charged',
    });
    expect(
      outcomeWording(
        view({ status: 'partially_refunded', settled: { captured: 0, refunded: 1000 }, instalments: instalments(['charged', 'charged', 'scheduled']) }),
        'en',
      ),
    ).toMatchObject({
      headline: { id: 'terminal.outcome.partiallyRefunded', values: { refunded: '€10.00', amount: '€70.00' } },
      net: 6000,
      breakdown: [
        { label: 'terminal.outcome.line.charged', amount: 7000 },
        { label: 'terminal.outcome.line.refunded', amount: 1000 },
      ],
    });
  });
});
