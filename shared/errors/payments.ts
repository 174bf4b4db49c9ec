import type { ErrorCatalog } from './catalog.js';

export const PAYMENTS_ERRORS = {
  PAYMENT_POSSIBLE_DUPLICATE: {
    en: 'A payment with the same card ending and amount was taken a few minutes ago. Check it, or confirm with a reason to charge again.',
    fr: 'Un paiement avec la même fin de carte et le même montant a été saisi il y a quelques minutes. Vérifiez-le, ou confirmez avec un motif pour débiter à nouveau.',
  },
  PAYMENT_CARD_EXPIRED: {
    en: 'The card’s expiry date has passed. Ask the customer for the date again, or for another card.',
    fr: 'La date d’expiration de la carte est dépassée. Redemandez la date au client, ou une autre carte.',
  },
  PAYMENT_CREDIT_NOT_ALLOWED: {
    en: 'This account is not enabled for credits (payouts to a card).',
    fr: 'Ce compte n’est pas autorisé à effectuer des crédits (versements sur carte).',
  },
  PAYMENT_ACTION_NOT_POSSIBLE: {
    en: 'This action is not possible for this operation in its current state.',
    fr: 'Cette action n’est pas possible pour cette opération dans son état actuel.',
  },
  PAYMENT_CARD_NUMBER_IN_TEXT: {
    en: 'A text field holds what looks like a card number. Card numbers go in the card number field only: remove it from the text. Nothing was recorded or sent.',
    fr: 'Un champ de texte contient ce qui ressemble à un numéro de carte. Le numéro de carte se saisit uniquement dans son champ : retirez-le du texte. Rien n’a été enregistré ni envoyé.',
  },
  PAYMENT_AMOUNT_TOO_HIGH: {
    en: 'The amount is more than what is left on this operation.',
    fr: 'Le montant dépasse ce qui reste disponible sur cette opération.',
  },
} as const satisfies ErrorCatalog;
