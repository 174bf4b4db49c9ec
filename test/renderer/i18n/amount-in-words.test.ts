import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { amountInWords, spellEnglish, spellFrench } from '../../../renderer/src/i18n/amount-in-words.js';
import { MESSAGES } from '../../../renderer/src/i18n/messages.js';

/* Expected words follow English usage and the French rules of numerals (Grevisse), not the code. */
describe('amounts in words', () => {
  it('spells English numbers, British style', () => {
    expect(spellEnglish(0)).toBe('zero');
    expect(spellEnglish(21)).toBe('twenty-one');
    expect(spellEnglish(105)).toBe('one hundred and five');
    expect(spellEnglish(1005)).toBe('one thousand and five');
    expect(spellEnglish(5200)).toBe('five thousand two hundred');
    expect(spellEnglish(1_234_567)).toBe('one million two hundred and thirty-four thousand five hundred and sixty-seven');
  });

  it('spells French numbers with their agreements: et un, soixante-dix, quatre-vingts, cents, mille, millions', () => {
    expect(spellFrench(21)).toBe('vingt et un');
    expect(spellFrench(71)).toBe('soixante et onze');
    expect(spellFrench(77)).toBe('soixante-dix-sept');
    expect(spellFrench(80)).toBe('quatre-vingts');
    expect(spellFrench(81)).toBe('quatre-vingt-un');
    expect(spellFrench(91)).toBe('quatre-vingt-onze');
    expect(spellFrench(100)).toBe('cent');
    expect(spellFrench(200)).toBe('deux cents');
    expect(spellFrench(201)).toBe('deux cent un');
    expect(spellFrench(1000)).toBe('mille');
    expect(spellFrench(2080)).toBe('deux mille quatre-vingts');
    expect(spellFrench(80_000)).toBe('quatre-vingt mille');
    expect(spellFrench(200_000)).toBe('deux cent mille');
    expect(spellFrench(5200)).toBe('cinq mille deux cents');
    expect(spellFrench(2_000_000)).toBe('deux millions');
  });

  it('names the currency and the cents in the operator’s language, singular or plural', () => {
    const en = createIntl({ locale: 'en', messages: MESSAGES.en });
    const fr = createIntl({ locale: 'fr', messages: MESSAGES.fr });
    expect(amountInWords(en, 600_050, 'EUR')).toBe('six thousand euros and fifty cents');
    expect(amountInWords(fr, 600_050, 'EUR')).toBe('six mille euros et cinquante centimes');
    expect(amountInWords(en, 101, 'EUR')).toBe('one euro and one cent');
    expect(amountInWords(fr, 100, 'EUR')).toBe('un euro');
    expect(amountInWords(en, 500_000, 'JPY')).toMatch(/^five hundred thousand Japanese yen$/);
  });
});
