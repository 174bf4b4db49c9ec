import type { ExecCategory } from './exec-category.js';

/**
 * The full EXECCODE table of the gateway (fact sheet section 5), with what each code means for
 * the operator, in English and French, and a hint for what to do or say to the customer.
 *
 * Choices that go beyond the table:
 * - 0004 "partially accepted" is `approved`: money did move, so the journal must treat it as a
 *   success that can be captured or refunded; the hint tells the operator to check the amount
 *   actually accepted before delivering. Calling it declined would hide a real charge.
 * - 0001/0002 are `action_required` and 0003/5004 `pending`: the final result comes by
 *   notification, hence retry `wait_notification`.
 * - 5001/5003 are `gateway_error_retryable` with retry `backup_url` (the client already fails
 *   over); 5002/5005 are retryable `later`. Other 5xxx codes are final.
 * - 2017 and 3004 keep the category of their range (nothing happened) but retry `later`.
 * - 2002/2003/2004 use the current Dalenys meanings (open question Q1).
 * - Every other known code keeps the category of its range.
 */
type ExecRetry = 'backup_url' | 'later' | 'no' | 'wait_notification';

export interface ExecWording {
  readonly message: string;
  readonly hint: string;
}

export interface ExecCodeEntry {
  readonly category: ExecCategory;
  readonly retry: ExecRetry;
  readonly en: ExecWording;
  readonly fr: ExecWording;
}

export interface ExecCodeDescription extends ExecCodeEntry {
  /** Four digits, e.g. `4002`; `0` from getTransactions rows becomes `0000`. */
  readonly code: string;
  /** False when the code is not in the table and was described by its range. */
  readonly known: boolean;
}

function entry(category: ExecCategory, retry: ExecRetry, en: [message: string, hint: string], fr: [message: string, hint: string]): ExecCodeEntry {
  return { category, retry, en: { message: en[0], hint: en[1] }, fr: { message: fr[0], hint: fr[1] } };
}

const NEW_CARD_EN = 'Ask the customer for another card';
const NEW_CARD_FR = 'Demandez une autre carte au client';
const CALL_BANK_EN = 'The bank refused: the customer should call their bank, or use another card';
const CALL_BANK_FR = 'La banque a refusé : le client doit appeler sa banque, ou utiliser une autre carte';
const FIX_INPUT_EN = 'Nothing was charged. Correct the details and try again';
const FIX_INPUT_FR = 'Rien n’a été débité. Corrigez les informations et recommencez';
const SUPPORT_EN = 'Nothing was charged. Ask your administrator to contact Dalenys support';
const SUPPORT_FR = 'Rien n’a été débité. Demandez à votre administrateur de contacter le support Dalenys';
const CHECK_REFERENCE_EN = 'Check the original transaction in the history before trying again';
const CHECK_REFERENCE_FR = 'Vérifiez la transaction d’origine dans l’historique avant de recommencer';
const FRAUD_EN = 'Do not retry this card. End the call politely without giving the reason';
const FRAUD_FR = 'Ne réessayez pas cette carte. Terminez l’appel poliment sans en donner la raison';

export const EXEC_CODES: Readonly<Record<string, ExecCodeEntry>> = {
  '0000': entry(
    'approved',
    'no',
    ['Operation accepted', 'Nothing more to do; you can confirm the order to the customer'],
    ['Opération acceptée', 'Rien d’autre à faire ; vous pouvez confirmer la commande au client'],
  ),
  '0001': entry(
    'action_required',
    'wait_notification',
    ['3-D Secure authentication required', 'The customer must authenticate with their bank; the final result will arrive by notification'],
    ['Authentification 3-D Secure requise', 'Le client doit s’authentifier auprès de sa banque ; le résultat final arrivera par notification'],
  ),
  '0002': entry(
    'action_required',
    'wait_notification',
    ['Redirection required to finish the payment', 'The customer must finish on the payment page; the final result will arrive by notification'],
    ['Redirection nécessaire pour finir le paiement', 'Le client doit terminer sur la page de paiement ; le résultat final arrivera par notification'],
  ),
  '0003': entry(
    'pending',
    'wait_notification',
    ['Transaction in progress', 'Do not charge again; the final result will arrive by notification'],
    ['Transaction en cours', 'Ne débitez pas à nouveau ; le résultat final arrivera par notification'],
  ),
  '0004': entry(
    'approved',
    'no',
    ['Transaction partially accepted', 'Check the amount actually accepted in the transaction detail before delivering'],
    ['Transaction acceptée en partie', 'Vérifiez le montant réellement accepté dans le détail de la transaction avant de livrer'],
  ),

  '1001': entry('invalid_request', 'no', ['A required field is missing', FIX_INPUT_EN], ['Un champ obligatoire manque', FIX_INPUT_FR]),
  '1002': entry(
    'invalid_request',
    'no',
    ['A field is not valid', 'Nothing was charged. Check the details (for instalments, the card must be valid until the last date)'],
    [
      'Un champ est invalide',
      'Rien n’a été débité. Vérifiez les informations (pour un paiement en plusieurs fois, la carte doit être valide jusqu’à la dernière échéance)',
    ],
  ),
  '1003': entry(
    'invalid_request',
    'no',
    ['The gateway refused the signature (HASH)', 'Nothing was charged. The account password in Comptoir is probably wrong: ask your administrator'],
    [
      'La passerelle a refusé la signature (HASH)',
      'Rien n’a été débité. Le mot de passe du compte dans Comptoir est probablement faux : prévenez votre administrateur',
    ],
  ),
  '1004': entry(
    'invalid_request',
    'no',
    ['Unsupported protocol', 'Nothing was charged. Ask your administrator to check the gateway address and version'],
    ['Protocole non pris en charge', 'Rien n’a été débité. Demandez à votre administrateur de vérifier l’adresse et la version de la passerelle'],
  ),
  '1005': entry(
    'invalid_request',
    'no',
    ['The gateway could not read the request', 'Nothing was charged. Report it to your administrator'],
    ['La passerelle n’a pas pu lire la requête', 'Rien n’a été débité. Signalez-le à votre administrateur'],
  ),
  '1006': entry(
    'invalid_request',
    'no',
    ['The gateway refused parameters sent in the address', 'Nothing was charged. Report it to your administrator'],
    ['La passerelle a refusé des paramètres envoyés dans l’adresse', 'Rien n’a été débité. Signalez-le à votre administrateur'],
  ),
  '1007': entry('invalid_request', 'no', ['The basket total differs from the amount', FIX_INPUT_EN], ['Le total du panier diffère du montant', FIX_INPUT_FR]),

  '2001': entry(
    'invalid_request',
    'no',
    ['Saved card (alias) not found', 'Nothing was charged. Ask the customer for their card details'],
    ['Carte enregistrée (alias) introuvable', 'Rien n’a été débité. Demandez au client les données de sa carte'],
  ),
  '2002': entry('invalid_request', 'no', ['Original transaction not found', CHECK_REFERENCE_EN], ['Transaction d’origine introuvable', CHECK_REFERENCE_FR]),
  '2003': entry(
    'invalid_request',
    'no',
    ['The original transaction did not succeed', CHECK_REFERENCE_EN],
    ['La transaction d’origine n’a pas abouti', CHECK_REFERENCE_FR],
  ),
  '2004': entry(
    'invalid_request',
    'no',
    ['The original transaction cannot be refunded', CHECK_REFERENCE_EN],
    ['La transaction d’origine ne peut pas être remboursée', CHECK_REFERENCE_FR],
  ),
  '2005': entry(
    'invalid_request',
    'no',
    ['The authorization cannot be captured', 'It may already be captured or cancelled: check the history'],
    ['L’autorisation ne peut pas être encaissée', 'Elle est peut-être déjà encaissée ou annulée : vérifiez l’historique'],
  ),
  '2006': entry(
    'invalid_request',
    'no',
    ['The original transaction is not finished', 'Wait for its final result, then try again'],
    ['La transaction d’origine n’est pas terminée', 'Attendez son résultat final, puis recommencez'],
  ),
  '2007': entry(
    'invalid_request',
    'no',
    ['Capture amount not valid', 'The amount must not exceed the authorized amount'],
    ['Montant d’encaissement invalide', 'Le montant ne doit pas dépasser le montant autorisé'],
  ),
  '2008': entry(
    'invalid_request',
    'no',
    ['Refund amount not valid', 'The amount must not exceed what remains to refund'],
    ['Montant de remboursement invalide', 'Le montant ne doit pas dépasser ce qui reste à rembourser'],
  ),
  '2009': entry(
    'invalid_request',
    'no',
    ['The authorization has expired', 'Take a new payment from the customer'],
    ['L’autorisation a expiré', 'Faites un nouveau paiement avec le client'],
  ),
  '2010': entry('invalid_request', 'no', ['Instalment schedule not found', CHECK_REFERENCE_EN], ['Échéancier introuvable', CHECK_REFERENCE_FR]),
  '2011': entry('invalid_request', 'no', ['Instalment schedule already stopped', 'Nothing more to do'], ['Échéancier déjà interrompu', 'Rien d’autre à faire']),
  '2012': entry('invalid_request', 'no', ['Instalment schedule already finished', 'Nothing more to do'], ['Échéancier déjà terminé', 'Rien d’autre à faire']),
  '2013': entry('invalid_request', 'no', ['File not found', 'Report it to your administrator'], ['Fichier introuvable', 'Signalez-le à votre administrateur']),
  '2014': entry('invalid_request', 'no', ['File not valid', 'Report it to your administrator'], ['Fichier invalide', 'Signalez-le à votre administrateur']),
  '2015': entry(
    'invalid_request',
    'no',
    ['The original transaction cannot be cancelled', 'It may already be settled: use a refund instead'],
    ['La transaction d’origine ne peut pas être annulée', 'Elle est peut-être déjà remise en banque : faites plutôt un remboursement'],
  ),
  '2016': entry(
    'invalid_request',
    'no',
    ['This already exists', 'Check the history before trying again'],
    ['Cet élément existe déjà', 'Vérifiez l’historique avant de recommencer'],
  ),
  '2017': entry(
    'invalid_request',
    'later',
    ['Operation not available yet', 'Wait a few minutes (at least 5 after the original transaction), then try again'],
    ['Opération pas encore disponible', 'Attendez quelques minutes (au moins 5 après la transaction d’origine), puis recommencez'],
  ),
  '2018': entry(
    'invalid_request',
    'no',
    ['Card entry token not found or expired', 'Enter the card details again'],
    ['Jeton de saisie de carte introuvable ou expiré', 'Saisissez à nouveau les données de la carte'],
  ),
  '2019': entry(
    'invalid_request',
    'no',
    ['Cancellation amount not valid', 'The amount must not exceed the original amount'],
    ['Montant d’annulation invalide', 'Le montant ne doit pas dépasser le montant d’origine'],
  ),
  '2020': entry(
    'invalid_request',
    'no',
    ['Saved card (alias) has expired', 'Nothing was charged. Ask the customer for their new card details'],
    ['Carte enregistrée (alias) expirée', 'Rien n’a été débité. Demandez au client les données de sa nouvelle carte'],
  ),

  '3001': entry('account_configuration', 'no', ['The merchant account is disabled', SUPPORT_EN], ['Le compte marchand est désactivé', SUPPORT_FR]),
  '3002': entry(
    'account_configuration',
    'no',
    ['This computer’s IP address is not allowed by the gateway', 'Nothing was charged. The administrator must add this IP address in the Dalenys back office'],
    [
      'L’adresse IP de cet ordinateur n’est pas autorisée par la passerelle',
      'Rien n’a été débité. L’administrateur doit ajouter cette adresse IP dans l’extranet Dalenys',
    ],
  ),
  '3003': entry(
    'account_configuration',
    'no',
    ['This operation is not allowed on the account', SUPPORT_EN],
    ['Cette opération n’est pas autorisée sur le compte', SUPPORT_FR],
  ),
  '3004': entry(
    'account_configuration',
    'later',
    ['Too many transactions in a short time', 'Nothing was charged. Wait a few minutes, then try again'],
    ['Trop de transactions en peu de temps', 'Rien n’a été débité. Attendez quelques minutes, puis recommencez'],
  ),
  '3006': entry('account_configuration', 'no', ['Sub-merchant not valid for this account', SUPPORT_EN], ['Sous-marchand invalide pour ce compte', SUPPORT_FR]),
  '3007': entry('account_configuration', 'no', ['API key disabled', SUPPORT_EN], ['Clé d’API désactivée', SUPPORT_FR]),
  '3008': entry(
    'account_configuration',
    'no',
    ['Payment option not available on the account', SUPPORT_EN],
    ['Option de paiement non disponible sur le compte', SUPPORT_FR],
  ),

  '4001': entry('declined', 'no', ['Declined by the banking network', CALL_BANK_EN], ['Refusée par le réseau bancaire', CALL_BANK_FR]),
  '4002': entry('declined', 'no', ['Insufficient funds', NEW_CARD_EN], ['Provision insuffisante', NEW_CARD_FR]),
  '4003': entry('declined', 'no', ['Card declined by the banking network', CALL_BANK_EN], ['Carte refusée par le réseau bancaire', CALL_BANK_FR]),
  '4004': entry(
    'declined',
    'no',
    ['Transaction abandoned', 'The customer or the bank stopped it; nothing was charged'],
    ['Transaction abandonnée', 'Le client ou la banque l’a interrompue ; rien n’a été débité'],
  ),
  '4005': entry('declined', 'no', ['Refused by the bank: suspected fraud', FRAUD_EN], ['Refusée par la banque : suspicion de fraude', FRAUD_FR]),
  '4006': entry('declined', 'no', ['Card reported lost', FRAUD_EN], ['Carte déclarée perdue', FRAUD_FR]),
  '4007': entry('declined', 'no', ['Card reported stolen', FRAUD_EN], ['Carte déclarée volée', FRAUD_FR]),
  '4008': entry(
    'declined',
    'no',
    ['3-D Secure authentication failed', 'The customer could not authenticate; ask for another card'],
    ['Échec de l’authentification 3-D Secure', 'Le client n’a pas pu s’authentifier ; demandez une autre carte'],
  ),
  '4009': entry(
    'declined',
    'no',
    ['3-D Secure authentication expired', 'The customer took too long; start a new payment'],
    ['Authentification 3-D Secure expirée', 'Le client a mis trop de temps ; recommencez un nouveau paiement'],
  ),
  '4010': entry('declined', 'no', ['Transaction not valid', CALL_BANK_EN], ['Transaction invalide', CALL_BANK_FR]),
  '4011': entry(
    'declined',
    'no',
    ['Duplicate transaction', 'This payment was already made: check the history before trying again'],
    ['Transaction en double', 'Ce paiement a déjà été fait : vérifiez l’historique avant de recommencer'],
  ),
  '4012': entry(
    'declined',
    'no',
    ['Card details not valid', 'Check the card number, expiry date and security code with the customer'],
    ['Données de carte invalides', 'Vérifiez le numéro, la date d’expiration et le cryptogramme avec le client'],
  ),
  '4013': entry('declined', 'no', ['Declined by the bank for this cardholder', CALL_BANK_EN], ['Refusée par la banque pour ce porteur', CALL_BANK_FR]),
  '4014': entry('declined', 'no', ['Card not enrolled in 3-D Secure', NEW_CARD_EN], ['Carte non enrôlée 3-D Secure', NEW_CARD_FR]),
  '4015': entry('declined', 'no', ['Transaction expired', 'Start a new payment'], ['Transaction expirée', 'Recommencez un nouveau paiement']),
  '4016': entry('declined', 'no', ['Declined by the payment terminal', CALL_BANK_EN], ['Refusée par le terminal de paiement', CALL_BANK_FR]),
  '4017': entry('declined', 'no', ['Payment form expired', 'Start a new payment'], ['Formulaire de paiement expiré', 'Recommencez un nouveau paiement']),

  '5001': entry(
    'gateway_error_retryable',
    'backup_url',
    ['Gateway exchange error', 'The backup gateway address is tried automatically; if it also fails, try again later'],
    ['Erreur d’échange avec la passerelle', 'L’adresse de secours est essayée automatiquement ; si elle échoue aussi, réessayez plus tard'],
  ),
  '5002': entry(
    'gateway_error_retryable',
    'later',
    ['Banking network error', 'Nothing was charged. Try again in 5 minutes'],
    ['Erreur du réseau bancaire', 'Rien n’a été débité. Réessayez dans 5 minutes'],
  ),
  '5003': entry(
    'gateway_error_retryable',
    'backup_url',
    ['Gateway under maintenance', 'The backup gateway address is tried automatically; if it also fails, try again later'],
    ['Passerelle en maintenance', 'L’adresse de secours est essayée automatiquement ; si elle échoue aussi, réessayez plus tard'],
  ),
  '5004': entry(
    'pending',
    'wait_notification',
    ['The bank did not answer in time', 'Do not charge again: the final result will arrive by notification'],
    ['La banque n’a pas répondu à temps', 'Ne débitez pas à nouveau : le résultat final arrivera par notification'],
  ),
  '5005': entry(
    'gateway_error_retryable',
    'later',
    ['3-D Secure page could not be shown', 'Nothing was charged. Try again in 5 minutes'],
    ['La page 3-D Secure n’a pas pu s’afficher', 'Rien n’a été débité. Réessayez dans 5 minutes'],
  ),

  '6001': entry('fraud', 'no', ['Declined by the merchant’s rules', FRAUD_EN], ['Refusée par les règles du marchand', FRAUD_FR]),
  '6002': entry('fraud', 'no', ['Declined by the anti-fraud check', FRAUD_EN], ['Refusée par le contrôle anti-fraude', FRAUD_FR]),
  '6003': entry('fraud', 'no', ['The cardholder has already disputed a payment', FRAUD_EN], ['Le porteur a déjà contesté un paiement', FRAUD_FR]),
  '6004': entry('fraud', 'no', ['Declined by merchant or platform rules', FRAUD_EN], ['Refusée par les règles du marchand ou de la plateforme', FRAUD_FR]),
  '6005': entry('fraud', 'no', ['Card not enrolled, or 3-D Secure unavailable', NEW_CARD_EN], ['Carte non enrôlée, ou 3-D Secure indisponible', NEW_CARD_FR]),
};

const RANGE_FALLBACK: Readonly<Record<string, ExecCodeEntry>> = {
  '0': entry(
    'pending',
    'wait_notification',
    ['Transaction being processed', 'Do not charge again; the final result will arrive by notification'],
    ['Transaction en cours de traitement', 'Ne débitez pas à nouveau ; le résultat final arrivera par notification'],
  ),
  '1': entry('invalid_request', 'no', ['The request was refused', FIX_INPUT_EN], ['La requête a été refusée', FIX_INPUT_FR]),
  '2': entry(
    'invalid_request',
    'no',
    ['Reference not valid (saved card, transaction or schedule)', CHECK_REFERENCE_EN],
    ['Référence invalide (carte enregistrée, transaction ou échéancier)', CHECK_REFERENCE_FR],
  ),
  '3': entry(
    'account_configuration',
    'no',
    ['Merchant account configuration problem', SUPPORT_EN],
    ['Problème de configuration du compte marchand', SUPPORT_FR],
  ),
  '4': entry('declined', 'no', ['Declined by the bank', CALL_BANK_EN], ['Refusée par la banque', CALL_BANK_FR]),
  '5': entry(
    'gateway_error_final',
    'no',
    ['Gateway error', 'Check the history before trying again; report it if it persists'],
    ['Erreur de la passerelle', 'Vérifiez l’historique avant de recommencer ; signalez-le si cela persiste'],
  ),
  '6': entry('fraud', 'no', ['Declined by the anti-fraud check', FRAUD_EN], ['Refusée par le contrôle anti-fraude', FRAUD_FR]),
};

const UNRECOGNISED = entry(
  'gateway_error_final',
  'no',
  ['Unrecognised gateway answer', 'Check the history before trying again; report it to your administrator'],
  ['Réponse de la passerelle non reconnue', 'Vérifiez l’historique avant de recommencer ; signalez-le à votre administrateur'],
);

/** `0000`, `4002`…; getTransactions rows carry `0` for `0000`, so short codes are zero-padded. */
export function normalizeExecCode(code: string | number): string {
  const text = String(code).trim();
  return /^[0-9]{1,4}$/.test(text) ? text.padStart(4, '0') : text;
}

/** Never throws: unknown codes are described by their range, anything else as unrecognised. */
export function describeExecCode(code: string | number): ExecCodeDescription {
  const normalized = normalizeExecCode(code);
  const known = EXEC_CODES[normalized];
  if (known) return { code: normalized, known: true, ...known };
  const byRange = /^[0-9]{4}$/.test(normalized) ? RANGE_FALLBACK[normalized.charAt(0)] : undefined;
  return { code: normalized, known: false, ...(byRange ?? UNRECOGNISED) };
}

export function execCategory(code: string | number): ExecCategory {
  return describeExecCode(code).category;
}

export function isApproved(code: string | number): boolean {
  return execCategory(code) === 'approved';
}
