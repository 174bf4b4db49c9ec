import type { z } from 'zod';
import { notTextFields } from '../../shared/contract/not-text.js';
import { containsCardNumber, findCardNumberInText } from './journal/index.js';

function valueAt(input: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), input);
}

/**
 * For one operation's input schema, a function that says where a parsed input holds a card
 * number it should not: the path of any operator text holding one as people type it, or of
 * an id that is nothing but one (digits glued to letters are part of an id); never the card
 * fields themselves. Which fields are card data or ids is the contract's to say
 * (`shared/contract/not-text.ts`); the dispatcher runs this for every operation.
 */
export function cardNumberGuard(schema: z.ZodType): (input: unknown) => string | undefined {
  const fields = notTextFields(schema);
  const skipped = new Set(fields.keys());
  const ids = [...fields].filter(([, kind]) => kind === 'id').map(([path]) => path);
  return (input) =>
    findCardNumberInText(input, skipped) ??
    ids.find((path) => {
      const value = valueAt(input, path);
      return typeof value === 'string' && containsCardNumber(value, 'standalone');
    });
}
