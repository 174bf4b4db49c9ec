import { describe, expect, it } from 'vitest';
import { messagesFr } from '../../../renderer/src/i18n/messages-fr.js';

describe('French typography', () => {
  it('puts a no-break space before every colon, semicolon, question and exclamation mark of the UI', () => {
    const wrong = Object.entries(messagesFr).filter(([, text]) => /(^|[^\u00a0\u202f{])[:;?!](\s|$|»)/.test(text) && !/\{[^}]*[:;?!]/.test(text));
    expect(wrong).toEqual([]);
  });
});
