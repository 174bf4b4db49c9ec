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
  PAYMENT_LARGE_AMOUNT_UNCONFIRMED: {
    en: 'This amount is above the account’s large-amount limit: confirm it in words on the review screen first. Nothing was sent.',
    fr: 'Ce montant dépasse le seuil des gros montants du compte : confirmez-le en toutes lettres à l’écran de vérification. Rien n’a été envoyé.',
  },
  PAYMENT_NO_SAVED_CARD: {
    en: 'There is no saved card on this operation to charge again. Nothing was sent.',
    fr: 'Aucune carte enregistrée sur cette opération ne permet de débiter à nouveau. Rien n’a été envoyé.',
  },
  PAYMENT_AMOUNT_TOO_HIGH: {
    en: 'The amount is more than what is left on this operation.',
    fr: 'Le montant dépasse ce qui reste disponible sur cette opération.',
  },
} as const satisfies ErrorCatalog;
