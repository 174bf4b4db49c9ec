import type { ErrorCatalog } from './catalog.js';

/**
 * The gateway client's failures. "Nothing was charged" is only said where the client knows
 * the request never reached the gateway or was refused before processing; an ambiguous end
 * is GATEWAY_OUTCOME_UNKNOWN, which must be resolved by a lookup, never by sending again.
 */
export const GATEWAY_ERRORS = {
  GATEWAY_INVALID_INPUT: {
    en: 'Some payment details are missing or not valid. Nothing was sent to the gateway.',
    fr: 'Des informations de paiement manquent ou sont invalides. Rien n’a été envoyé à la passerelle.',
  },
  GATEWAY_INVALID_CONFIG: {
    en: 'The gateway account settings are not valid. Nothing was sent; ask your administrator.',
    fr: 'Les réglages du compte passerelle sont invalides. Rien n’a été envoyé ; prévenez votre administrateur.',
  },
  GATEWAY_INSECURE_URL: {
    en: 'The gateway address must use https (plain http is only allowed for this computer’s built-in sandbox).',
    fr: 'L’adresse de la passerelle doit être en https (le http simple n’est permis que pour le bac à sable intégré de cet ordinateur).',
  },
  GATEWAY_CLIENT_CLOSED: {
    en: 'The connection to the gateway for this account was closed. Nothing was sent.',
    fr: 'La connexion à la passerelle pour ce compte a été fermée. Rien n’a été envoyé.',
  },
  GATEWAY_UNREACHABLE: {
    en: 'The gateway could not be reached. Nothing was sent; check the internet connection and try again.',
    fr: 'La passerelle est injoignable. Rien n’a été envoyé ; vérifiez la connexion internet et réessayez.',
  },
  GATEWAY_TLS_FAILURE: {
    en: 'The gateway’s security certificate was refused. Nothing was sent; ask your administrator.',
    fr: 'Le certificat de sécurité de la passerelle a été refusé. Rien n’a été envoyé ; prévenez votre administrateur.',
  },
  GATEWAY_SERVER_ERROR: {
    en: 'The gateway is unavailable (server error). Try again in a few minutes.',
    fr: 'La passerelle est indisponible (erreur serveur). Réessayez dans quelques minutes.',
  },
  GATEWAY_HTTP_STATUS: {
    en: 'The gateway refused the request at its address. Ask your administrator to check the gateway settings.',
    fr: 'La passerelle a refusé la requête à son adresse. Demandez à votre administrateur de vérifier les réglages de la passerelle.',
  },
  GATEWAY_TIMEOUT: {
    en: 'The gateway did not answer in time. Try again.',
    fr: 'La passerelle n’a pas répondu à temps. Réessayez.',
  },
  GATEWAY_CONNECTION_LOST: {
    en: 'The connection to the gateway was lost before its answer. Try again.',
    fr: 'La connexion à la passerelle a été perdue avant sa réponse. Réessayez.',
  },
  GATEWAY_BAD_RESPONSE: {
    en: 'The gateway’s answer could not be read. Try again; report it if it persists.',
    fr: 'La réponse de la passerelle est illisible. Réessayez ; signalez-le si cela persiste.',
  },
  GATEWAY_OUTCOME_UNKNOWN: {
    en: 'The result is unknown: the gateway may have processed it. Do not send it again; check its status first.',
    fr: 'Résultat inconnu : la passerelle l’a peut-être traitée. Ne la renvoyez pas ; vérifiez d’abord son statut.',
  },
  GATEWAY_PENDING_NOTIFICATION: {
    en: 'The bank has not answered yet. Do not send it again: the result will arrive by notification.',
    fr: 'La banque n’a pas encore répondu. Ne la renvoyez pas : le résultat arrivera par notification.',
  },
} as const satisfies ErrorCatalog;
