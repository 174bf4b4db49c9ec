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
} as const satisfies ErrorCatalog;
