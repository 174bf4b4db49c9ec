import type { ErrorCatalog } from './catalog.js';

/** Web mode's own refusals: the browser page and the loopback bridge it talks to. */
export const WEB_ERRORS = {
  WEB_HOST_REFUSED: {
    en: 'This request named another address than Comptoir’s own (Host), as a page on another site pointing its name at this computer would. It was refused. Open Comptoir from the link it printed at start-up (http://127.0.0.1:…).',
    fr: 'Cette requête nommait une autre adresse que celle de Comptoir (Host), comme le ferait une page d’un autre site dirigeant son nom vers cet ordinateur. Elle a été refusée. Ouvrez Comptoir depuis le lien affiché au démarrage (http://127.0.0.1:…).',
  },
  WEB_ORIGIN_REFUSED: {
    en: 'This request came from another site or another local page (Origin), not from Comptoir’s own page. It was refused.',
    fr: 'Cette requête venait d’un autre site ou d’une autre page locale (Origin), et non de la page de Comptoir. Elle a été refusée.',
  },
} as const satisfies ErrorCatalog;
