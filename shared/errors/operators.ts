import type { ErrorCatalog } from './catalog.js';

/** Operators, sign-in, approvals and the audit trail (issue 17). */
export const OPERATORS_ERRORS = {
  OPERATOR_SIGN_IN_FAILED: {
    en: 'This name and secret do not match an active operator.',
    fr: 'Ce nom et ce code ne correspondent à aucun opérateur actif.',
  },
  OPERATOR_LOCKED_OUT: {
    en: 'Too many failed sign-ins: this operator is locked until {time}. An administrator can set a new secret.',
    fr: 'Trop d’échecs de connexion : cet opérateur est bloqué jusqu’à {time}. Un administrateur peut définir un nouveau code.',
  },
  OPERATOR_SECRET_TOO_WEAK: {
    en: 'A PIN is 4 to 12 digits; a password is at least 8 characters.',
    fr: 'Un code PIN compte 4 à 12 chiffres ; un mot de passe au moins 8 caractères.',
  },
  OPERATOR_NAME_TAKEN: {
    en: 'An operator already has this name.',
    fr: 'Un opérateur porte déjà ce nom.',
  },
  OPERATOR_NOT_FOUND: {
    en: 'This operator does not exist.',
    fr: 'Cet opérateur n’existe pas.',
  },
  OPERATOR_FIRST_MUST_BE_ADMIN: {
    en: 'The first operator must be an administrator.',
    fr: 'Le premier opérateur doit être un administrateur.',
  },
  OPERATOR_LAST_ADMIN: {
    en: 'This is the last active administrator: create another one first.',
    fr: 'C’est le dernier administrateur actif : créez-en un autre d’abord.',
  },
  OPERATOR_ADMIN_REQUIRED: {
    en: 'Create an administrator first: a real gateway account can only be added or used once one exists.',
    fr: 'Créez d’abord un administrateur : un compte réel ne peut être ajouté ou utilisé qu’ensuite.',
  },
  SESSION_REQUIRED: {
    en: 'Sign in first.',
    fr: 'Connectez-vous d’abord.',
  },
  APPROVAL_REQUIRED: {
    en: 'Above your ceiling of {ceiling} on this account: a second operator must approve with their own secret. Nothing was sent.',
    fr: 'Au-delà de votre plafond de {ceiling} sur ce compte : un second opérateur doit approuver avec son propre code. Rien n’a été envoyé.',
  },
  APPROVAL_SELF: {
    en: 'Nobody approves their own request: another operator must approve. Nothing was sent.',
    fr: 'Personne n’approuve sa propre demande : un autre opérateur doit approuver. Rien n’a été envoyé.',
  },
  APPROVAL_NOT_ALLOWED: {
    en: 'This operator may not approve this amount. Nothing was sent.',
    fr: 'Cet opérateur ne peut pas approuver ce montant. Rien n’a été envoyé.',
  },
  APPROVAL_FAILED: {
    en: 'The approver’s name and secret do not match an active operator. Nothing was sent.',
    fr: 'Le nom et le code de l’approbateur ne correspondent à aucun opérateur actif. Rien n’a été envoyé.',
  },
} as const satisfies ErrorCatalog;
