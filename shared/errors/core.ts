import type { ErrorCatalog } from './catalog.js';

/** Failures of the contract itself, the same on every transport. */
export const CORE_ERRORS = {
  UNKNOWN_OPERATION: {
    en: 'This action does not exist in this version of Comptoir.',
    fr: 'Cette action n’existe pas dans cette version de Comptoir.',
  },
  INVALID_INPUT: {
    en: 'Some fields are missing or not valid. Nothing was changed.',
    fr: 'Des champs sont manquants ou invalides. Rien n’a été modifié.',
  },
  MALFORMED_REQUEST: {
    en: 'The request could not be read. Nothing was changed.',
    fr: 'La requête est illisible. Rien n’a été modifié.',
  },
  PAYLOAD_TOO_LARGE: {
    en: 'The request is too large. Nothing was changed.',
    fr: 'La requête est trop volumineuse. Rien n’a été modifié.',
  },
  FORBIDDEN: {
    en: 'Your role does not allow this action.',
    fr: 'Votre rôle ne permet pas cette action.',
  },
  UNAUTHORIZED: {
    en: 'This session is not authorised. Open Comptoir from the link it printed at start-up.',
    fr: 'Cette session n’est pas autorisée. Ouvrez Comptoir depuis le lien affiché au démarrage.',
  },
  INTERNAL_ERROR: {
    en: 'Something went wrong inside Comptoir. Nothing was sent; the details are in the log.',
    fr: 'Une erreur interne est survenue dans Comptoir. Rien n’a été envoyé ; le détail est dans le journal technique.',
  },
  CORE_UNAVAILABLE: {
    en: 'Comptoir’s engine is not answering. Restart the app.',
    fr: 'Le moteur de Comptoir ne répond pas. Redémarrez l’application.',
  },
  SETTINGS_UNREADABLE: {
    en: 'The settings file is damaged; defaults are in use until you save new settings.',
    fr: 'Le fichier des réglages est endommagé ; les valeurs par défaut sont utilisées jusqu’au prochain enregistrement.',
  },
  SETTINGS_WRITE_FAILED: {
    en: 'The settings could not be saved to the data folder.',
    fr: 'Les réglages n’ont pas pu être enregistrés dans le dossier de données.',
  },
} as const satisfies ErrorCatalog;
