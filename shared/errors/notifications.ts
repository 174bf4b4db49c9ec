import type { ErrorCatalog } from './catalog.js';

/**
 * The notification listener, the correlation of notifications with operations, the polling
 * bridge and the export drop. Rejection codes are also what the listener writes as the body
 * of a non-OK answer and what the health panel counts, so they must stay stable.
 */
export const NOTIFICATIONS_ERRORS = {
  NOTIFY_LISTEN_ADDRESS_IN_USE: {
    en: 'The notification port is already used by another program. Choose another port in the settings.',
    fr: 'Le port des notifications est déjà utilisé par un autre programme. Choisissez un autre port dans les réglages.',
  },
  NOTIFY_LISTEN_PERMISSION_DENIED: {
    en: 'Comptoir is not allowed to listen on this notification port. Choose a port above 1024.',
    fr: 'Comptoir n’a pas le droit d’écouter sur ce port de notifications. Choisissez un port supérieur à 1024.',
  },
  NOTIFY_LISTEN_ADDRESS_UNAVAILABLE: {
    en: 'The notification address does not belong to this computer. Check the address in the settings.',
    fr: 'L’adresse des notifications n’appartient pas à cet ordinateur. Vérifiez l’adresse dans les réglages.',
  },
  NOTIFY_LISTEN_FAILED: {
    en: 'The notification listener could not start; results will be fetched from the gateway instead.',
    fr: 'Le récepteur de notifications n’a pas pu démarrer ; les résultats seront demandés à la passerelle.',
  },
  NOTIFY_UNKNOWN_PATH: {
    en: 'A call reached the notification listener at an address it does not serve.',
    fr: 'Un appel est arrivé au récepteur de notifications sur une adresse qu’il ne sert pas.',
  },
  NOTIFY_METHOD_NOT_ALLOWED: {
    en: 'A call reached the notification listener with a method other than GET or POST.',
    fr: 'Un appel est arrivé au récepteur de notifications avec une méthode autre que GET ou POST.',
  },
  NOTIFY_MALFORMED: {
    en: 'A notification could not be read (bad encoding or missing fields) and was refused.',
    fr: 'Une notification était illisible (encodage incorrect ou champs manquants) et a été refusée.',
  },
  NOTIFY_UNSUPPORTED_MEDIA_TYPE: {
    en: 'A notification arrived in a format the listener does not accept and was refused.',
    fr: 'Une notification est arrivée dans un format que le récepteur n’accepte pas et a été refusée.',
  },
  NOTIFY_BODY_TOO_LARGE: {
    en: 'A call to the notification listener was too large and was refused.',
    fr: 'Un appel au récepteur de notifications était trop volumineux et a été refusé.',
  },
  NOTIFY_TOO_SLOW: {
    en: 'A sender was too slow and was disconnected by the notification listener.',
    fr: 'Un expéditeur était trop lent et a été déconnecté par le récepteur de notifications.',
  },
  NOTIFY_TOO_MANY_CONNECTIONS: {
    en: 'One sender held too many connections to the notification listener at once; the extra ones were closed.',
    fr: 'Un expéditeur gardait trop de connexions ouvertes en même temps vers le récepteur de notifications ; les connexions en trop ont été fermées.',
  },
  NOTIFY_HEADERS_TOO_LARGE: {
    en: 'A call to the notification listener had too many or too large headers and was refused.',
    fr: 'Un appel au récepteur de notifications avait des en-têtes trop nombreux ou trop grands et a été refusé.',
  },
  NOTIFY_BAD_REQUEST: {
    en: 'A call to the notification listener was not valid HTTP and was refused.',
    fr: 'Un appel au récepteur de notifications n’était pas du HTTP valide et a été refusé.',
  },
  NOTIFY_UNSIGNED: {
    en: 'A notification without a signature was refused.',
    fr: 'Une notification sans signature a été refusée.',
  },
  NOTIFY_BAD_SIGNATURE: {
    en: 'A notification with a wrong signature was refused; it did not come from the gateway or the account password differs.',
    fr: 'Une notification à la signature incorrecte a été refusée ; elle ne vient pas de la passerelle ou le mot de passe du compte diffère.',
  },
  NOTIFY_UNKNOWN_ACCOUNT: {
    en: 'A notification for an account (IDENTIFIER) that is not set up in Comptoir was refused.',
    fr: 'Une notification pour un compte (IDENTIFIER) non configuré dans Comptoir a été refusée.',
  },
  NOTIFY_SECRETS_UNAVAILABLE: {
    en: 'A notification could not be checked because the account passwords are locked; the gateway will send it again.',
    fr: 'Une notification n’a pas pu être vérifiée car les mots de passe des comptes sont verrouillés ; la passerelle la renverra.',
  },
  NOTIFY_SINK_FAILED: {
    en: 'A notification could not be saved; the gateway will send it again.',
    fr: 'Une notification n’a pas pu être enregistrée ; la passerelle la renverra.',
  },
  NOTIFY_SINK_TIMEOUT: {
    en: 'Saving a notification took too long; the gateway will send it again.',
    fr: 'L’enregistrement d’une notification a pris trop de temps ; la passerelle la renverra.',
  },
  NOTIFY_EXPORT_DISABLED: {
    en: 'An export file arrived but no export folder is set up; it was refused.',
    fr: 'Un fichier d’export est arrivé mais aucun dossier d’export n’est configuré ; il a été refusé.',
  },
  NOTIFY_EXPORT_FORBIDDEN: {
    en: 'An export file arrived without a valid reference and was refused.',
    fr: 'Un fichier d’export est arrivé sans référence valide et a été refusé.',
  },
  NOTIFY_EXPORT_MALFORMED: {
    en: 'An export file arrived damaged or empty and was refused.',
    fr: 'Un fichier d’export est arrivé endommagé ou vide et a été refusé.',
  },
  NOTIFY_EXPORT_BUSY: {
    en: 'Too many export files arrived at once; the gateway was asked to send this one again later.',
    fr: 'Trop de fichiers d’export sont arrivés en même temps ; la passerelle a été invitée à renvoyer celui-ci plus tard.',
  },
  NOTIFY_EXPORT_STORE_FAILED: {
    en: 'An export file could not be written to the export folder; the gateway may send it again.',
    fr: 'Un fichier d’export n’a pas pu être écrit dans le dossier d’export ; la passerelle pourra le renvoyer.',
  },
  NOTIFY_LOOKUP_FAILED: {
    en: 'Asking the gateway for the status of pending operations failed; Comptoir will try again.',
    fr: 'La demande de statut des opérations en attente à la passerelle a échoué ; Comptoir réessaiera.',
  },
  NOTIFY_DISCREPANCY: {
    en: 'The gateway’s confirmation contradicts the answer first received for this operation. The confirmation wins; check the operation.',
    fr: 'La confirmation de la passerelle contredit la réponse reçue d’abord pour cette opération. La confirmation prévaut ; vérifiez l’opération.',
  },
  NOTIFY_SYNC_UNKNOWN_SETTLED: {
    en: 'The gateway never answered this operation directly; its result comes from the gateway’s later confirmation.',
    fr: 'La passerelle n’a jamais répondu directement à cette opération ; son résultat vient de la confirmation reçue ensuite.',
  },
} as const satisfies ErrorCatalog;

export type NotificationErrorCode = keyof typeof NOTIFICATIONS_ERRORS;
