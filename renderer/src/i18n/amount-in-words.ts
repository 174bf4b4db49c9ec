import type { IntlShape } from 'react-intl';
import { currencyExponent } from '../../../shared/domain/money.js';

/*
 * An amount written out in words, as on a cheque, in English or French: read back before a
 * large charge, it catches a slipped zero that digits hide. Intl formats numbers but does not
 * spell them, so the two languages' rules are here (amounts stay below 10 million).
 */

const EN_UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function englishBelowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const restWords = rest < 20 ? EN_UNITS[rest] : `${EN_TENS[Math.floor(rest / 10)]}${rest % 10 ? `-${EN_UNITS[rest % 10]}` : ''}`;
  if (hundreds === 0) return restWords as string;
  return `${EN_UNITS[hundreds]} hundred${rest ? ` and ${restWords}` : ''}`;
}

export function spellEnglish(n: number): string {
  if (n === 0) return 'zero';
  const parts: string[] = [];
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor((n % 1_000_000) / 1000);
  const rest = n % 1000;
  if (millions) parts.push(`${englishBelowThousand(millions)} million`);
  if (thousands) parts.push(`${englishBelowThousand(thousands)} thousand`);
  // British usage: "one thousand and five".
  if (rest) parts.push(rest < 100 && parts.length > 0 ? `and ${englishBelowThousand(rest)}` : englishBelowThousand(rest));
  return parts.join(' ');
}

const FR_UNITS = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  'dix-sept',
  'dix-huit',
  'dix-neuf',
];
const FR_TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

/** 0–99; `final` says nothing follows, which is when "quatre-vingts" keeps its s. */
function frenchBelowHundred(n: number, final: boolean): string {
  if (n < 20) return FR_UNITS[n] as string;
  const tens = Math.floor(n / 10);
  const unit = n % 10;
  if (tens === 7 || tens === 9) {
    // 70–79 and 90–99 count on from 60 and 80: soixante-dix, soixante et onze, quatre-vingt-douze.
    const base = tens === 7 ? 'soixante' : 'quatre-vingt';
    const joiner = tens === 7 && unit === 1 ? ' et ' : '-';
    return `${base}${joiner}${FR_UNITS[10 + unit]}`;
  }
  if (tens === 8) return unit === 0 ? (final ? 'quatre-vingts' : 'quatre-vingt') : `quatre-vingt-${FR_UNITS[unit]}`;
  if (unit === 0) return FR_TENS[tens] as string;
  return `${FR_TENS[tens]}${unit === 1 ? ' et un' : `-${FR_UNITS[unit]}`}`;
}

function frenchBelowThousand(n: number, final: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return frenchBelowHundred(rest, final);
  // "cent" takes an s when multiplied and last: deux cents, but deux cent un, deux cent mille.
  const head = hundreds === 1 ? 'cent' : `${FR_UNITS[hundreds]} ${rest === 0 && final ? 'cents' : 'cent'}`;
  return rest === 0 ? head : `${head} ${frenchBelowHundred(rest, final)}`;
}

export function spellFrench(n: number): string {
  if (n === 0) return 'zéro';
  const parts: string[] = [];
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor((n % 1_000_000) / 1000);
  const rest = n % 1000;
  // "million" is a noun (deux cents millions); "mille" is invariable and never "un mille".
  if (millions) parts.push(`${frenchBelowThousand(millions, true)} ${millions > 1 ? 'millions' : 'million'}`);
  if (thousands) parts.push(thousands === 1 ? 'mille' : `${frenchBelowThousand(thousands, false)} mille`);
  if (rest) parts.push(frenchBelowThousand(rest, true));
  return parts.join(' ');
}

function spellNumber(n: number, locale: string): string {
  return locale.startsWith('fr') ? spellFrench(n) : spellEnglish(n);
}

/** The currency's own name for a count, as Intl spells it in this language (euro, euros). */
function currencyName(major: number, currency: string, locale: string): string {
  const parts = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'name', maximumFractionDigits: 0 }).formatToParts(major);
  return parts.find((part) => part.type === 'currency')?.value ?? currency;
}

/** `five thousand and one euros and fifty cents`, `cinq mille un euros et cinquante centimes`. */
export function amountInWords(intl: IntlShape, minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const major = Math.floor(minor / 10 ** exponent);
  const fraction = minor % 10 ** exponent;
  const majorWords = `${spellNumber(major, intl.locale)} ${currencyName(major, currency, intl.locale)}`;
  if (fraction === 0) return majorWords;
  const fractionWords =
    exponent === 2
      ? intl.formatMessage({ id: 'words.minor' }, { count: fraction, words: spellNumber(fraction, intl.locale) })
      : `${fraction}/${10 ** exponent}`;
  return intl.formatMessage({ id: 'words.majorAndMinor' }, { major: majorWords, minor: fractionWords });
}
