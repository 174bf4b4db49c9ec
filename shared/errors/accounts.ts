import type { ErrorCatalog } from './catalog.js';

export const ACCOUNTS_ERRORS = {
  ACCOUNT_NOT_FOUND: {
    en: 'This gateway account does not exist (any more).',
    fr: 'Ce compte de passerelle n’existe pas (ou plus).',
  },
  ACCOUNT_NO_PASSWORD: {
    en: 'This account has no gateway password yet; an administrator must enter it in Settings.',
    fr: 'Ce compte n’a pas encore de mot de passe de passerelle ; un administrateur doit le saisir dans les Réglages.',
  },
  SANDBOX_NOT_RUNNING: {
    en: 'The built-in sandbox is not running. Restart Comptoir.',
    fr: 'Le bac à sable intégré ne fonctionne pas. Redémarrez Comptoir.',
  },
  ACCOUNT_DISABLED: {
    en: 'This account is disabled: it takes no new payments. An administrator can enable it again in Settings → Accounts.',
    fr: 'Ce compte est désactivé : il ne prend plus de nouveaux paiements. Un administrateur peut le réactiver dans Réglages → Comptes.',
  },
  ACCOUNT_BUSY: {
    en: 'A payment on this account is being sent. Wait for its outcome, then disable the account.',
    fr: 'Un paiement de ce compte est en cours d’envoi. Attendez son résultat, puis désactivez le compte.',
  },
  ACCOUNT_SANDBOX_FIXED: {
    en: 'The built-in sandbox account is managed by Comptoir: it cannot be edited or deleted.',
    fr: 'Le compte du bac à sable intégré est géré par Comptoir : il ne peut être ni modifié ni supprimé.',
  },
} as const satisfies ErrorCatalog;
