import { describe, expect, it } from 'vitest';
import { messagesFr } from '../../renderer/src/i18n/messages-fr.js';
import { ERROR_CATALOGS } from '../../shared/errors/index.js';

/**
 * French typography (the project's standard): a no-break space before `:`, `;`, `?` and `!`,
 * never an ordinary one, which lets the sign wrap alone onto the next line.
 */
const ORDINARY_SPACE_BEFORE_SIGN = / [:;?!]/;

describe('French words', () => {
  it('put a no-break space before : ; ? ! in the error catalogs', () => {
    for (const entries of Object.values(ERROR_CATALOGS)) {
      for (const [code, text] of Object.entries(entries)) expect(text.fr, code).not.toMatch(ORDINARY_SPACE_BEFORE_SIGN);
    }
  });

  it('put a no-break space before : ; ? ! in the screen’s messages', () => {
    for (const [key, text] of Object.entries(messagesFr)) expect(text, key).not.toMatch(ORDINARY_SPACE_BEFORE_SIGN);
  });
});
