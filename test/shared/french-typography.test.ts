import { describe, expect, it } from 'vitest';
import { messagesFr } from '../../renderer/src/i18n/messages-fr.js';
import { CONNECTION_VERDICTS } from '../../shared/domain/connection-verdicts.js';
import { ADDRESS_PROBLEM_TEXT } from '../../shared/domain/public-address.js';
import { ERRORS } from '../../shared/errors/index.js';

/**
 * French typography (the project's standard), in the one place that checks it: a no-break
 * space (U+00A0, or the narrow U+202F) before `:`, `;`, `?` and `!`. Words are shown as
 * written, never fixed up at display time, so an ordinary space there, or none, lets the sign
 * start a line or stick to the word. A sign inside a word (`http://`, `127.0.0.1:…`) is not
 * punctuation and is left alone.
 */
const ORDINARY_SPACE_BEFORE_SIGN = / [:;?!]/;
const SIGN_WITHOUT_NO_BREAK_SPACE = /(^|[^\u00a0\u202f])[:;?!](\s|$|»)/;

function misspaced(texts: ReadonlyArray<readonly [string, string]>): string[] {
  return texts.filter(([, text]) => ORDINARY_SPACE_BEFORE_SIGN.test(text) || SIGN_WITHOUT_NO_BREAK_SPACE.test(text)).map(([name, text]) => `${name}: ${text}`);
}

describe('French words', () => {
  it('put a no-break space before : ; ? ! in every error catalog', () => {
    expect(misspaced(Object.entries(ERRORS).map(([code, text]) => [code, text.fr] as const))).toEqual([]);
  });

  it('put a no-break space before : ; ? ! in the accounts screen’s explanations', () => {
    const verdicts = Object.entries(CONNECTION_VERDICTS).flatMap(([name, text]) => [
      [`${name}.said`, text.fr.said] as const,
      [`${name}.next`, text.fr.next] as const,
    ]);
    const addresses = Object.entries(ADDRESS_PROBLEM_TEXT).map(([name, text]) => [name, text.fr] as const);
    expect(misspaced([...verdicts, ...addresses])).toEqual([]);
  });

  it('put a no-break space before : ; ? ! in the screen’s messages', () => {
    expect(misspaced(Object.entries(messagesFr))).toEqual([]);
  });

  it('catch both mistakes and let a sign inside a word be', () => {
    expect(
      misspaced([
        ['a', 'Erreur : rien'],
        ['b', 'Erreur: rien'],
        ['c', 'Vraiment ?'],
        ['d', 'Fin!'],
      ]).map((line) => line[0]),
    ).toEqual(['a', 'b', 'c', 'd']);
    expect(
      misspaced([
        ['e', 'Erreur\u00a0: rien'],
        ['f', 'Vraiment\u202f?'],
        ['g', 'Ouvrez http://127.0.0.1:8080/'],
      ]),
    ).toEqual([]);
  });
});
