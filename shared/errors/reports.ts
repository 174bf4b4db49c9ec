import type { ErrorCatalog } from './catalog.js';

/** Reports, exports, end-of-day close and reconciliation. */
export const REPORTS_ERRORS = {
  REPORT_EXPORT_FAILED: {
    en: 'The export could not be written; no file was left behind. Check the folder and the free space, then try again.',
    fr: 'L’export n’a pas pu être écrit\u00a0; aucun fichier n’a été laissé. Vérifiez le dossier et l’espace libre, puis réessayez.',
  },
  REPORT_EXPORT_CANCELLED: {
    en: 'The export was cancelled; no file was left behind.',
    fr: 'L’export a été annulé\u00a0; aucun fichier n’a été laissé.',
  },
  REPORT_EXPORT_NOT_FOUND: {
    en: 'This export is not running (any more).',
    fr: 'Cet export n’est pas (ou plus) en cours.',
  },
  REPORT_INVALID_PERIOD: {
    en: 'The period is not valid: give a start day and an end day (YYYY-MM-DD), the end not before the start.',
    fr: 'La période n’est pas valide\u00a0: indiquez un jour de début et un jour de fin (AAAA-MM-JJ), la fin pas avant le début.',
  },
  REPORT_INVALID_TIME_ZONE: {
    en: 'This time zone is not known.',
    fr: 'Ce fuseau horaire est inconnu.',
  },
  REPORT_UNKNOWN_ACCOUNT: {
    en: 'No gateway account has this name.',
    fr: 'Aucun compte de passerelle ne porte ce nom.',
  },
  REPORT_FILTER_UNSUPPORTED: {
    en: 'Exports cannot filter on the gateway’s confirmation yet; remove that filter to export.',
    fr: 'Les exports ne savent pas encore filtrer sur la confirmation de la passerelle\u00a0; retirez ce filtre pour exporter.',
  },
  RECONCILE_UNREADABLE_FILE: {
    en: 'This file cannot be read as a Dalenys export (CSV, gzip, zip or bzip2).',
    fr: 'Ce fichier ne peut pas être lu comme un export Dalenys (CSV, gzip, zip ou bzip2).',
  },
  RECONCILE_UNKNOWN_LAYOUT: {
    en: 'This file’s columns are not a Dalenys transaction export layout (TRANSACTIONID, ORDERID, AMOUNT, CURRENCY and fees are needed).',
    fr: 'Les colonnes de ce fichier ne sont pas celles d’un export de transactions Dalenys (TRANSACTIONID, ORDERID, AMOUNT, CURRENCY et les frais sont nécessaires).',
  },
  RECONCILE_REQUEST_REFUSED: {
    en: 'Dalenys did not accept the export request; try again later or check the account.',
    fr: 'Dalenys n’a pas accepté la demande d’export\u00a0; réessayez plus tard ou vérifiez le compte.',
  },
  RECONCILE_EXCEPTION_NOT_FOUND: {
    en: 'This reconciliation exception does not exist.',
    fr: 'Cet écart de rapprochement n’existe pas.',
  },
  RECONCILE_EXCEPTION_STATE: {
    en: 'An exception must be acknowledged first, and only once; a resolved or accepted one is closed.',
    fr: 'Un écart doit d’abord être pris en compte, une seule fois\u00a0; un écart résolu ou accepté est clos.',
  },
  RECONCILE_NOTE_REQUIRED: {
    en: 'Say in a note how the exception was resolved or why it is accepted.',
    fr: 'Indiquez dans une note comment l’écart a été résolu ou pourquoi il est accepté.',
  },
} as const satisfies ErrorCatalog;
