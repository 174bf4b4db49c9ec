import type { z } from 'zod';

/**
 * Validation wording in English and French. Schemas carry the English text as the zod
 * message (so they stay usable as-is by the UI contract) and every English text is registered
 * here with its French twin. No message ever contains the value that was checked: card
 * numbers and security codes go through these schemas.
 *
 * This file and the schema files import nothing from Node, so they can move to `shared/`.
 */
const FRENCH = new Map<string, string>();

function msg(en: string, fr: string): string {
  FRENCH.set(en, fr);
  return en;
}

/** The French text registered for an English validation message, if any. */
export function frenchFor(en: string): string | undefined {
  return FRENCH.get(en);
}

export const M = {
  required: msg('is required', 'est obligatoire'),
  empty: msg('must not be empty', 'ne doit pas être vide'),
  blank: msg('must not be only spaces', 'ne doit pas contenir que des espaces'),
  controlChars: msg('must not contain control characters or line breaks', 'ne doit contenir ni caractère de contrôle ni retour à la ligne'),
  controlCharsMultiline: msg('must not contain control characters', 'ne doit pas contenir de caractère de contrôle'),
  encoding: msg('contains a character that cannot be sent (broken encoding)', 'contient un caractère impossible à envoyer (encodage cassé)'),
  notText: msg('must be text', 'doit être du texte'),
  notNumber: msg('must be a number', 'doit être un nombre'),
  notBoolean: msg('must be yes or no (true/false)', 'doit être oui ou non (true/false)'),
  notList: msg('must be a list', 'doit être une liste'),
  notObject: msg('must be a group of fields', 'doit être un groupe de champs'),
  notValid: msg('is not valid', 'n’est pas valide'),
  integerAmount: msg(
    'must be a whole number of cents (minor units), without a decimal point',
    'doit être un nombre entier de centimes (unités mineures), sans virgule',
  ),
  amountPositive: msg('must be at least 1 (minor unit)', 'doit valoir au moins 1 (unité mineure)'),
  amountNotNegative: msg('must not be negative', 'ne doit pas être négatif'),
  amountTooLarge: msg('is too large', 'est trop grand'),
  email: msg('must be an e-mail address', 'doit être une adresse e-mail'),
  ipv4: msg('must be an IPv4 address such as 203.0.113.7', 'doit être une adresse IPv4 comme 203.0.113.7'),
  date: msg('must be a date written YYYY-MM-DD', 'doit être une date écrite AAAA-MM-JJ'),
  dateOrMonth: msg('must be a month (YYYY-MM) or a day (YYYY-MM-DD)', 'doit être un mois (AAAA-MM) ou un jour (AAAA-MM-JJ)'),
  dobInPast: msg('must be in the past', 'doit être dans le passé'),
  cardNumberDigits: msg('must be 12 to 19 digits', 'doit compter de 12 à 19 chiffres'),
  cardNumberLuhn: msg('is not a valid card number (check digit)', 'n’est pas un numéro de carte valide (clé de contrôle)'),
  cardExpiryFormat: msg('must be the expiry month written MM-YY', 'doit être le mois d’expiration écrit MM-AA'),
  cardExpired: msg('the card has expired', 'la carte a expiré'),
  cvvDigits: msg('must be 3 digits (4 for American Express)', 'doit compter 3 chiffres (4 pour American Express)'),
  cvvAmex: msg('must be 4 digits for an American Express card', 'doit compter 4 chiffres pour une carte American Express'),
  cvvNotAmex: msg('must be 3 digits for this card', 'doit compter 3 chiffres pour cette carte'),
  amountOrInstalments: msg('give either an amount or instalments, not both', 'indiquez soit un montant, soit des échéances, pas les deux'),
  amountMissing: msg('an amount (or instalments) is required', 'un montant (ou des échéances) est obligatoire'),
  instalmentsCount: msg('needs at least 2 instalments', 'il faut au moins 2 échéances'),
  instalmentsDuplicate: msg('two instalments have the same date', 'deux échéances ont la même date'),
  instalmentsFirstToday: msg('the first instalment must be today (UTC)', 'la première échéance doit être aujourd’hui (UTC)'),
  instalmentsSpan: msg('the last instalment must be at most 90 days after the first', 'la dernière échéance doit être au plus 90 jours après la première'),
  instalmentsAfterExpiry: msg('the last instalment must be before the card expires', 'la dernière échéance doit précéder l’expiration de la carte'),
  countryCode: msg('must be a 2-letter country code such as FR', 'doit être un code pays à 2 lettres comme FR'),
  phone: msg('must be a phone number (digits, optional leading +)', 'doit être un numéro de téléphone (chiffres, + initial possible)'),
  idList: msg('needs at least one reference', 'il faut au moins une référence'),
  idSeparator: msg('must not contain a semicolon', 'ne doit pas contenir de point-virgule'),
  oneIdKind: msg('give transaction ids or order ids, not both', 'indiquez des numéros de transaction ou des numéros de commande, pas les deux'),
  idKindMissing: msg('give transaction ids or order ids', 'indiquez des numéros de transaction ou des numéros de commande'),
  deliveryExclusive: msg('give an e-mail address or a callback URL, not both', 'indiquez une adresse e-mail ou une URL de rappel, pas les deux'),
  deliveryMissing: msg('an e-mail address or a callback URL is required', 'une adresse e-mail ou une URL de rappel est obligatoire'),
  compressionWithoutDelivery: msg(
    'compression only applies with an e-mail address or a callback URL',
    'la compression ne s’applique qu’avec une adresse e-mail ou une URL de rappel',
  ),
  callbackUrl: msg('must be an http or https address', 'doit être une adresse http ou https'),
  timeZone: msg('must be a time zone such as Europe/Paris', 'doit être un fuseau horaire comme Europe/Paris'),
  periodExclusive: msg('give a date or a start and end date, not both', 'indiquez une date ou une période (début et fin), pas les deux'),
  periodMissing: msg('a date or a start and end date is required', 'une date ou une période (début et fin) est obligatoire'),
  periodIncomplete: msg('both a start and an end date are required', 'une date de début et une date de fin sont obligatoires'),
  periodOrder: msg('the start date must not be after the end date', 'la date de début ne doit pas être après la date de fin'),
  column: msg('must be a column name without a semicolon', 'doit être un nom de colonne sans point-virgule'),
  version: msg('must be a version such as 2.0 or 3.0', 'doit être une version comme 2.0 ou 3.0'),
  source: msg('must be card or alias', 'doit valoir card ou alias'),
} as const;

export function maxChars(n: number): string {
  return msg(`must be at most ${n} characters`, `doit faire au plus ${n} caractères`);
}

export function maxItems(n: number): string {
  return msg(`must have at most ${n} items`, `doit compter au plus ${n} éléments`);
}

function oneOf(values: readonly unknown[]): string {
  const list = values.map(String).join(', ');
  return msg(`must be one of: ${list}`, `doit être l’une des valeurs : ${list}`);
}

const SAFE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,40}$/;

/**
 * Wording for the issues a schema did not word itself (missing field, wrong type, unknown
 * key). Passed per parse, so the shared schemas keep zod's defaults for other callers.
 */
export const gatewayErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return M.required;
      const expected = String(issue.expected);
      if (expected === 'string') return M.notText;
      if (expected === 'number' || expected === 'int') return M.notNumber;
      if (expected === 'boolean') return M.notBoolean;
      if (expected === 'array') return M.notList;
      if (expected === 'object') return M.notObject;
      return M.notValid;
    }
    case 'unrecognized_keys': {
      // Key names are shown only when they look like identifiers, so nothing keyed in by
      // mistake (such as a card number used as a key) can reach a message.
      const keys = issue.keys.filter((key) => SAFE_KEY.test(key));
      const list = keys.length > 0 ? `: ${keys.join(', ')}` : '';
      return msg(`contains unknown fields${list}`, `contient des champs inconnus${list}`);
    }
    case 'invalid_value':
      return oneOf(issue.values);
    case 'invalid_union':
      return issue.discriminator === 'source' ? M.source : M.notValid;
    case 'too_big':
      if (issue.origin === 'string') return maxChars(Number(issue.maximum));
      if (issue.origin === 'array') return maxItems(Number(issue.maximum));
      return M.amountTooLarge;
    default:
      return M.notValid;
  }
};
