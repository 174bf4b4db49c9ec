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
    fr: 'Ce montant dépasse le seuil des gros montants du compte : confirmez-le en toutes lettres à l’écran de vérification. Rien n’a été envoyé.',
  },
  PAYMENT_NO_SAVED_CARD: {
    en: 'There is no saved card on this operation to charge again. Nothing was sent.',
    fr: 'Aucune carte enregistrée sur cette opération ne permet de débiter à nouveau. Rien n’a été envoyé.',
  },
  PAYMENT_CARD_NUMBER_IN_TEXT: {
    en: 'A text field holds what looks like a card number. Card numbers go in the card number field only: remove it from the text. Nothing was recorded or sent.',
    fr: 'Un champ de texte contient ce qui ressemble à un numéro de carte. Le numéro de carte se saisit uniquement dans son champ : retirez-le du texte. Rien n’a été enregistré ni envoyé.',
  },
  PAYMENT_AMOUNT_TOO_HIGH: {
    en: 'The amount is more than what is left on this operation.',
    fr: 'Le montant dépasse ce qui reste disponible sur cette opération.',
  },
  PAYMENT_FOLLOW_UP_TOO_EARLY: {
    en: 'Dalenys accepts a capture, refund or void only 5 minutes after its transaction: this one is possible from {time}. Nothing was sent.',
    fr: 'Dalenys n’accepte une capture, un remboursement ou une annulation que 5 minutes après sa transaction : celle-ci est possible à partir de {time}. Rien n’a été envoyé.',
  },
  PAYMENT_INSTALMENT_REFUND_TOO_HIGH: {
    en: 'A payment in instalments is refunded one charged instalment at a time: this refund can give back at most the amount offered. Refund the rest with another refund.',
    fr: 'Un paiement en plusieurs fois se rembourse une échéance prélevée à la fois : ce remboursement peut rendre au plus le montant proposé. Remboursez le reste par un autre remboursement.',
  },
  PAYMENT_INSTALMENTS_STOP_REFUSED: {
    en: 'The gateway did not stop the remaining instalments; its answer is shown with the plan. Nothing else changed.',
    fr: 'La passerelle n’a pas arrêté les échéances restantes ; sa réponse est affichée avec l’échéancier. Rien d’autre n’a changé.',
  },
  PAYMENT_INSTALMENTS_STOP_UNKNOWN: {
    en: 'No answer came from the gateway: the remaining instalments may or may not be stopped. Asking again is safe: stop them again.',
    fr: 'La passerelle n’a pas répondu : les échéances restantes sont peut-être arrêtées, peut-être pas. Redemander est sans risque : arrêtez-les à nouveau.',
  },
} as const satisfies ErrorCatalog;
