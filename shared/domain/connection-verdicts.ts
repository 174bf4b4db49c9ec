import type { ConnectionVerdict } from '../contract/accounts.js';

interface Explained {
  readonly en: { readonly said: string; readonly next: string };
  readonly fr: { readonly said: string; readonly next: string };
}

/**
 * What a test connection's verdict means, in plain words, and where to look next (the Dalenys
 * back office's own menus, fact sheet 2.4 and 5). One table, read by the Accounts screen.
 */
export const CONNECTION_VERDICTS: Readonly<Record<ConnectionVerdict, Explained>> = {
  ok: {
    en: { said: 'Connected: the gateway accepted this account’s signed request.', next: 'Nothing to do. You can take payments on this account.' },
    fr: { said: 'Connecté : la passerelle a accepté la requête signée de ce compte.', next: 'Rien à faire. Vous pouvez encaisser sur ce compte.' },
  },
  slow: {
    en: {
      said: 'Connected, but the gateway took more than 5 seconds to answer.',
      next: 'Payments will feel slow. Check this computer’s internet connection, or try again later.',
    },
    fr: {
      said: 'Connecté, mais la passerelle a mis plus de 5 secondes à répondre.',
      next: 'Les paiements sembleront lents. Vérifiez la connexion internet de cet ordinateur, ou réessayez plus tard.',
    },
  },
  wrong_password: {
    en: {
      said: 'The gateway refused the signature (EXECCODE 1003): the password does not match this IDENTIFIER.',
      next: 'In the Dalenys back office, open the account’s configuration and copy its password (secret key) again, then set it here.',
    },
    fr: {
      said: 'La passerelle a refusé la signature (EXECCODE 1003) : le mot de passe ne correspond pas à cet IDENTIFIER.',
      next: 'Dans le back-office Dalenys, ouvrez la configuration du compte et recopiez son mot de passe (clé secrète), puis saisissez-le ici.',
    },
  },
  ip_not_authorized: {
    en: {
      said: 'The gateway refused this computer’s IP address (EXECCODE 3002).',
      next: 'In the Dalenys back office, add this desk’s public IP address to the account’s authorized server IPs, then test again.',
    },
    fr: {
      said: 'La passerelle a refusé l’adresse IP de cet ordinateur (EXECCODE 3002).',
      next: 'Dans le back-office Dalenys, ajoutez l’adresse IP publique de ce poste aux IP de serveurs autorisées du compte, puis testez à nouveau.',
    },
  },
  account_disabled: {
    en: {
      said: 'The gateway says this account is disabled or unknown (EXECCODE 3001).',
      next: 'Check the IDENTIFIER and the environment (test or production); if both are right, contact Dalenys support.',
    },
    fr: {
      said: 'La passerelle indique que ce compte est désactivé ou inconnu (EXECCODE 3001).',
      next: 'Vérifiez l’IDENTIFIER et l’environnement (test ou production) ; s’ils sont justes, contactez le support Dalenys.',
    },
  },
  unreachable: {
    en: {
      said: 'The gateway’s host could not be reached: nothing was sent.',
      next: 'Check the host addresses and this computer’s internet connection or proxy.',
    },
    fr: {
      said: 'L’hôte de la passerelle est injoignable : rien n’a été envoyé.',
      next: 'Vérifiez les adresses des hôtes et la connexion internet ou le proxy de cet ordinateur.',
    },
  },
  tls_failure: {
    en: {
      said: 'The secure connection to the gateway failed (TLS): nothing was sent.',
      next: 'Check the host address (https) and this computer’s date and time; a company proxy may be intercepting the connection.',
    },
    fr: {
      said: 'La connexion sécurisée à la passerelle a échoué (TLS) : rien n’a été envoyé.',
      next: 'Vérifiez l’adresse de l’hôte (https) ainsi que la date et l’heure de cet ordinateur ; un proxy d’entreprise intercepte peut-être la connexion.',
    },
  },
  timeout: {
    en: { said: 'The gateway did not answer in time.', next: 'Try again in a few minutes; if it persists, check the Dalenys status page or support.' },
    fr: {
      said: 'La passerelle n’a pas répondu à temps.',
      next: 'Réessayez dans quelques minutes ; si cela persiste, consultez la page d’état ou le support Dalenys.',
    },
  },
  unexpected: {
    en: {
      said: 'The gateway gave an answer Comptoir did not expect.',
      next: 'Check the host addresses and the API VERSION; the EXECCODE shown tells Dalenys support what happened.',
    },
    fr: {
      said: 'La passerelle a donné une réponse inattendue.',
      next: 'Vérifiez les adresses des hôtes et la VERSION d’API ; l’EXECCODE affiché indique au support Dalenys ce qui s’est passé.',
    },
  },
};
