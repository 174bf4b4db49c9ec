import { isIP } from 'node:net';
import { parseUtcDay } from './sandbox-clock.js';
import type { SandboxRules } from './types.js';

/**
 * Format and length of every parameter the sandbox knows (fact sheet section 3.2). Checked for
 * each present, non-empty param in this table's order, so the parameter a 1002 names is
 * deterministic. Unknown params pass: the gateway ignores what it does not use.
 */
type FieldCheck = (value: string, rules: SandboxRules) => boolean;

const maxLength =
  (max: number): FieldCheck =>
  (value) =>
    value.length <= max;
const oneOf =
  (...choices: string[]): FieldCheck =>
  (value) =>
    choices.includes(value.toLowerCase());
const singleLine =
  (max: (rules: SandboxRules) => number): FieldCheck =>
  (value, rules) =>
    value.length <= max(rules) && !/[\r\n]/.test(value);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const LANGUAGES = ['fr', 'en', 'de', 'es', 'it', 'nl', 'cn', 'ru', 'pt', 'cz'];

function isEmail(value: string): boolean {
  return value.length <= 255 && EMAIL.test(value);
}

function isDay(value: string): boolean {
  return !Number.isNaN(parseUtcDay(value));
}

function isMonth(value: string): boolean {
  return /^\d{4}-\d{2}$/.test(value) && isDay(`${value}-01`);
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  if (value.length > 2048) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const FIELD_CHECKS: ReadonlyArray<readonly [string, FieldCheck]> = [
  ['IDENTIFIER', maxLength(32)],
  ['VERSION', (v) => v === '2.0' || v === '3.0'],
  ['TRANSACTIONID', maxLength(32)],
  ['ORDERID', maxLength(40)],
  ['DESCRIPTION', maxLength(510)],
  ['CLIENTIDENT', maxLength(255)],
  ['CLIENTEMAIL', isEmail],
  ['CLIENTIP', (v, rules) => IPV4.test(v) || (rules.clientIp === 'ipv4-or-ipv6' && isIP(v) === 6)],
  ['CLIENTUSERAGENT', maxLength(255)],
  ['CLIENTREFERRER', maxLength(255)],
  ['CLIENTADDRESS', maxLength(510)],
  ['CLIENTDOB', isDay],
  ['AMOUNT', (v) => /^(0|[1-9]\d{0,11})$/.test(v)],
  ['CARDCODE', (v, rules) => /^\d+$/.test(v) && v.length >= rules.cardCodeMinLength && v.length <= rules.cardCodeMaxLength],
  ['CARDVALIDITYDATE', (v) => /^(0[1-9]|1[0-2])-\d{2}$/.test(v)],
  ['CARDCVV', (v) => /^\d{3,4}$/.test(v)],
  ['CARDFULLNAME', maxLength(255)],
  ['CARDTYPE', (v) => /^[a-z_ ]{1,32}$/i.test(v)],
  ['LANGUAGE', oneOf(...LANGUAGES)],
  ['EXTRADATA', maxLength(255)],
  ['CREATEALIAS', oneOf('yes', 'no')],
  ['DISPLAYCREATEALIAS', oneOf('yes', 'no')],
  ['HIDECLIENTEMAIL', oneOf('yes', 'no')],
  ['HIDECARDFULLNAME', oneOf('yes', 'no')],
  ['3DSECURE', oneOf('yes', 'no')],
  ['3DSECUREDISPLAYMODE', oneOf('main', 'popup', 'top', 'raw')],
  ['3DSECUREPREFERENCE', oneOf('sca', 'frictionless', 'nopref', 'scamandate')],
  ['ALIAS', (v, rules) => v.length <= rules.aliasMaxLength],
  ['ALIASMODE', oneOf('oneclick', 'subscription')],
  ['SCHEDULEID', maxLength(32)],
  ['BILLINGFIRSTNAME', maxLength(15)],
  ['SHIPTOFIRSTNAME', maxLength(15)],
  ['BILLINGLASTNAME', maxLength(30)],
  ['SHIPTOLASTNAME', maxLength(30)],
  ['BILLINGADDRESS', singleLine((r) => r.addressMaxLength)],
  ['SHIPTOADDRESS', singleLine((r) => r.addressMaxLength)],
  ['BILLINGCITY', maxLength(255)],
  ['SHIPTOCITY', maxLength(255)],
  ['BILLINGCOUNTRY', (v) => /^[A-Z]{2}$/.test(v)],
  ['SHIPTOCOUNTRY', (v) => /^[A-Z]{2}$/.test(v)],
  ['BILLINGPOSTALCODE', maxLength(9)],
  ['SHIPTOPOSTALCODE', maxLength(9)],
  ['BILLINGPHONE', (v, rules) => v.length <= rules.phoneMaxLength],
  ['SHIPTOPHONE', (v, rules) => v.length <= rules.phoneMaxLength],
  ['DATE', (v) => isMonth(v) || isDay(v)],
  ['STARTDATE', isDay],
  ['ENDDATE', isDay],
  ['MAILTO', isEmail],
  ['CALLBACKURL', isHttpUrl],
  ['COMPRESSION', oneOf('zip', 'gzip', 'bzip')],
  ['TIMEZONE', isTimeZone],
];

/** The names of the customer-address params kept with a transaction for the export columns. */
export const ADDRESS_FIELDS = [
  'BILLINGFIRSTNAME',
  'BILLINGLASTNAME',
  'BILLINGADDRESS',
  'BILLINGPOSTALCODE',
  'BILLINGCITY',
  'BILLINGCOUNTRY',
  'BILLINGPHONE',
  'SHIPTOFIRSTNAME',
  'SHIPTOLASTNAME',
  'SHIPTOADDRESS',
  'SHIPTOPOSTALCODE',
  'SHIPTOCITY',
  'SHIPTOCOUNTRY',
  'SHIPTOPHONE',
] as const;
