import { describe, expect, it } from 'vitest';
import { frenchSpacing } from '../../../renderer/src/i18n/french-typography.js';
import { messagesFr } from '../../../renderer/src/i18n/messages-fr.js';

describe('French typography', () => {
  it('puts a no-break space before every colon, semicolon, question and exclamation mark of the UI', () => {
    const wrong = Object.entries(messagesFr).filter(([, text]) => /(^|[^\u00a0\u202f{])[:;?!](\s|$|»)/.test(text) && !/\{[^}]*[:;?!]/.test(text));
    expect(wrong).toEqual([]);
  });

  it('sets text from elsewhere right, leaving times and addresses alone', () => {
    expect(frenchSpacing('Rien n’a été envoyé ; le détail est là : voyez !')).toBe('Rien n’a été envoyé\u00a0; le détail est là\u00a0: voyez\u00a0!');
    expect(frenchSpacing('À 12:30, http://127.0.0.1:80/')).toBe('À 12:30, http://127.0.0.1:80/');
  });
});
