import type { ErrorCatalog } from './catalog.js';

/** The transaction journal (SQLite): storage, the status state machine, queries. */
export const JOURNAL_ERRORS = {
  JOURNAL_CORRUPT: {
    en: 'The transaction journal file is damaged. Comptoir stopped before changing it; restore it from a backup or contact support.',
    fr: 'Le fichier du journal des transactions est endommagé. Comptoir s’est arrêté sans le modifier ; restaurez une sauvegarde ou contactez le support.',
  },
  JOURNAL_OPEN_FAILED: {
    en: 'The transaction journal could not be opened. Check that the data folder is writable and that Comptoir is not already running.',
    fr: 'Le journal des transactions n’a pas pu être ouvert. Vérifiez que le dossier de données est accessible en écriture et que Comptoir n’est pas déjà lancé.',
  },
  JOURNAL_NEWER_SCHEMA: {
    en: 'This transaction journal was written by a newer version of Comptoir. Update Comptoir to open it.',
    fr: 'Ce journal des transactions a été écrit par une version plus récente de Comptoir. Mettez Comptoir à jour pour l’ouvrir.',
  },
  JOURNAL_MIGRATION_FAILED: {
    en: 'The transaction journal could not be upgraded. It was left as it was; the details are in the log.',
    fr: 'Le journal des transactions n’a pas pu être mis à jour. Il a été laissé intact ; le détail est dans le journal technique.',
  },
  JOURNAL_MIGRATION_CHANGED: {
    en: 'The transaction journal was upgraded with steps this version of Comptoir knows differently. Comptoir stopped without changing it; contact support.',
    fr: 'Le journal des transactions a été mis à jour par des étapes que cette version de Comptoir connaît autrement. Comptoir s’est arrêté sans le modifier ; contactez le support.',
  },
  JOURNAL_WRITE_FAILED: {
    en: 'The transaction journal could not be written (disk full, or the file is locked by another program). Nothing was recorded and nothing was sent.',
    fr: 'Le journal des transactions n’a pas pu être écrit (disque plein, ou fichier verrouillé par un autre programme). Rien n’a été enregistré ni envoyé.',
  },
  JOURNAL_CLOSED: {
    en: 'The transaction journal is closed. Restart Comptoir.',
    fr: 'Le journal des transactions est fermé. Redémarrez Comptoir.',
  },
  JOURNAL_INVALID_INPUT: {
    en: 'Some operation details are missing or not valid. Nothing was recorded.',
    fr: 'Des informations de l’opération sont manquantes ou invalides. Rien n’a été enregistré.',
  },
  JOURNAL_CARD_DATA_REFUSED: {
    en: 'A field looks like a full card number. Card numbers are never stored: remove it from the text. Nothing was recorded.',
    fr: 'Un champ ressemble à un numéro de carte complet. Les numéros de carte ne sont jamais enregistrés : retirez-le du texte. Rien n’a été enregistré.',
  },
  JOURNAL_ACCOUNT_NOT_FOUND: {
    en: 'This gateway account does not exist (any more).',
    fr: 'Ce compte de passerelle n’existe pas (ou plus).',
  },
  JOURNAL_ACCOUNT_EXISTS: {
    en: 'A gateway account with this IDENTIFIER already exists in this environment.',
    fr: 'Un compte de passerelle avec cet IDENTIFIER existe déjà dans cet environnement.',
  },
  JOURNAL_ACCOUNT_IN_USE: {
    en: 'This account has operations: it cannot be deleted (its history stays). Disable it instead.',
    fr: 'Ce compte a des opérations : il ne peut pas être supprimé (son historique reste). Désactivez-le plutôt.',
  },
  JOURNAL_OPERATION_NOT_FOUND: {
    en: 'This operation is not in the journal.',
    fr: 'Cette opération n’est pas dans le journal.',
  },
  JOURNAL_ORDER_ID_TAKEN: {
    en: 'This ORDERID is already used by another operation of this account. Nothing was sent.',
    fr: 'Cet ORDERID est déjà utilisé par une autre opération de ce compte. Rien n’a été envoyé.',
  },
  JOURNAL_IDEMPOTENCY_CONFLICT: {
    en: 'This submission was already recorded with different details. Nothing was sent again; start a new operation instead.',
    fr: 'Cette saisie a déjà été enregistrée avec d’autres informations. Rien n’a été renvoyé ; commencez une nouvelle opération.',
  },
  JOURNAL_INVALID_TRANSITION: {
    en: 'This result does not fit the operation’s current status and was not recorded.',
    fr: 'Ce résultat ne correspond pas au statut actuel de l’opération et n’a pas été enregistré.',
  },
  JOURNAL_ALREADY_ANSWERED: {
    en: 'The gateway’s answer to this operation was already recorded.',
    fr: 'La réponse de la passerelle à cette opération a déjà été enregistrée.',
  },
  JOURNAL_FOLLOW_UP_NOT_ALLOWED: {
    en: 'This capture, refund or void is not possible on this operation any more (status or remaining amount). Nothing was sent.',
    fr: 'Cette capture, ce remboursement ou cette annulation n’est plus possible sur cette opération (statut ou montant restant). Rien n’a été envoyé.',
  },
  JOURNAL_APPEND_ONLY: {
    en: 'Journal events can never be changed or deleted.',
    fr: 'Les événements du journal ne peuvent jamais être modifiés ni supprimés.',
  },
  JOURNAL_INVALID_CURSOR: {
    en: 'The list position is no longer valid. Reload the list from the start.',
    fr: 'La position dans la liste n’est plus valide. Rechargez la liste depuis le début.',
  },
  JOURNAL_INVALID_QUERY: {
    en: 'The search filters are not valid.',
    fr: 'Les filtres de recherche ne sont pas valides.',
  },
  JOURNAL_QUERY_CANCELLED: {
    en: 'The search was cancelled.',
    fr: 'La recherche a été annulée.',
  },
  JOURNAL_QUERY_FAILED: {
    en: 'The search could not be completed; the details are in the log.',
    fr: 'La recherche n’a pas pu aboutir ; le détail est dans le journal technique.',
  },
  JOURNAL_POOL_CLOSED: {
    en: 'The journal readers are stopped. Restart Comptoir.',
    fr: 'Les lecteurs du journal sont arrêtés. Redémarrez Comptoir.',
  },
} as const satisfies ErrorCatalog;

export type JournalErrorCode = keyof typeof JOURNAL_ERRORS;
