import type { ErrorCatalog } from './catalog.js';

/**
 * Failures of the built-in Dalenys sandbox that reach an operator or an integrator running
 * `npm run sandbox`. Gateway answers (EXECCODEs) are not errors here: the sandbox returns them
 * as the real gateway would.
 */
export const SANDBOX_ERRORS = {
  SANDBOX_INVALID_OPTIONS: {
    en: 'The sandbox settings are not valid.',
    fr: 'Les réglages du bac à sable ne sont pas valides.',
  },
  SANDBOX_PORT_UNAVAILABLE: {
    en: 'The sandbox could not listen on the requested port (already in use or not allowed).',
    fr: "Le bac à sable n'a pas pu écouter sur le port demandé (déjà utilisé ou non autorisé).",
  },
  SANDBOX_ACCOUNT_UNKNOWN: {
    en: 'This sandbox account does not exist.',
    fr: "Ce compte du bac à sable n'existe pas.",
  },
  SANDBOX_ACCOUNT_DUPLICATE: {
    en: 'A sandbox account with this identifier already exists.',
    fr: 'Un compte du bac à sable avec cet identifiant existe déjà.',
  },
  SANDBOX_TRANSACTION_UNKNOWN: {
    en: 'This sandbox transaction does not exist.',
    fr: "Cette transaction du bac à sable n'existe pas.",
  },
  SANDBOX_THREE_D_SECURE_NOT_PENDING: {
    en: 'This transaction is not waiting for a 3-D Secure authentication.',
    fr: "Cette transaction n'attend pas d'authentification 3-D Secure.",
  },
  SANDBOX_LEDGER_FILE_UNREADABLE: {
    en: 'The sandbox ledger file could not be read; it is damaged or not a sandbox ledger.',
    fr: "Le fichier du registre du bac à sable n'a pas pu être lu : il est abîmé ou n'en est pas un.",
  },
  SANDBOX_LEDGER_FILE_UNWRITABLE: {
    en: 'The sandbox ledger file could not be written.',
    fr: "Le fichier du registre du bac à sable n'a pas pu être écrit.",
  },
  SANDBOX_CLOSED: {
    en: 'The sandbox has been stopped.',
    fr: 'Le bac à sable a été arrêté.',
  },
  SANDBOX_CLI_ARGUMENT_INVALID: {
    en: 'A command-line argument of the sandbox is missing or not valid.',
    fr: "Un argument de la ligne de commande du bac à sable manque ou n'est pas valide.",
  },
} as const satisfies ErrorCatalog;

export type SandboxErrorCode = keyof typeof SANDBOX_ERRORS;
