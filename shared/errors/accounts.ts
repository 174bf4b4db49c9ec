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
  ACCOUNT_HISTORY_FIXED: {
    en: 'This account has operations: its IDENTIFIER, environment and currency can no longer change. Add a new account instead.',
    fr: 'Ce compte a des opérations : son IDENTIFIER, son environnement et sa devise ne peuvent plus changer. Ajoutez plutôt un nouveau compte.',
  },
  VAULT_ABSENT: {
    en: 'No vault passphrase has been chosen yet. Choose one to keep real accounts’ passwords.',
    fr: 'Aucune phrase secrète de coffre n’a encore été choisie. Choisissez-en une pour conserver les mots de passe des comptes réels.',
  },
  VAULT_EXISTS: {
    en: 'The vault already has a passphrase.',
    fr: 'Le coffre a déjà une phrase secrète.',
  },
  VAULT_LOCKED: {
    en: 'The vault is locked: enter its passphrase to use real accounts. The built-in sandbox works meanwhile.',
    fr: 'Le coffre est verrouillé : saisissez sa phrase secrète pour utiliser les comptes réels. Le bac à sable intégré fonctionne en attendant.',
  },
  VAULT_WRONG_PASSPHRASE: {
    en: 'This passphrase does not open the vault.',
    fr: 'Cette phrase secrète n’ouvre pas le coffre.',
  },
  VAULT_RATE_LIMITED: {
    en: 'Too many wrong passphrases. Try again in {seconds} s.',
    fr: 'Trop de phrases secrètes erronées. Réessayez dans {seconds} s.',
  },
  VAULT_DAMAGED: {
    en: 'The vault file cannot be read (damaged or altered). Nothing was overwritten; real accounts stay locked. The built-in sandbox still works; setting up a new vault keeps the damaged file aside.',
    fr: 'Le fichier du coffre est illisible (endommagé ou modifié). Rien n’a été écrasé ; les comptes réels restent verrouillés. Le bac à sable intégré fonctionne toujours ; créer un nouveau coffre met le fichier endommagé de côté.',
  },
  VAULT_NOT_APPLICABLE: {
    en: 'This vault does not work that way here.',
    fr: 'Ce coffre ne fonctionne pas ainsi ici.',
  },
  VAULT_NEEDS_CONSENT: {
    en: 'This system has no keyring: passwords would be protected by a fixed key only (basic_text). An administrator must accept this in Settings → Accounts first.',
    fr: 'Ce système n’a pas de trousseau : les mots de passe ne seraient protégés que par une clé fixe (basic_text). Un administrateur doit d’abord l’accepter dans Réglages → Comptes.',
  },
  VAULT_UNAVAILABLE: {
    en: 'The system’s encryption is not available, so no password can be kept.',
    fr: 'Le chiffrement du système n’est pas disponible : aucun mot de passe ne peut être conservé.',
  },
} as const satisfies ErrorCatalog;
