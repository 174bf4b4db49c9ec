import { z } from 'zod';

/*
 * Input fields that are not operator text: card data the contract takes on purpose (the card
 * number and CVV, to sign and send) and ids (idempotency keys). Core refuses a card number in
 * every string of every operation's input, in one place (the dispatcher); a field says here,
 * beside its schema, that it is card data (not checked) or an id (checked as ids are: digits
 * glued to letters are part of the id, but an id that is a card number is refused), so the
 * rule cannot drift from the contract and a field a form adds later is covered unnamed.
 */

export type NotTextKind = 'card-data' | 'id';

declare module 'zod' {
  interface GlobalMeta {
    /** Not operator text: the card-number guard skips this field. */
    notText?: NotTextKind;
  }
}

/** Declares a field's schema not operator text (see above). */
export function notText<T extends z.ZodType>(kind: NotTextKind, schema: T): T {
  return schema.meta({ notText: kind });
}

/** What walking a schema needs of zod's definitions. */
interface SchemaDef {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
}

/**
 * The fields of an input schema declared not text, by path (`card.number`, `idempotencyKey`).
 * Lists are not entered: a field inside one is scanned like text, which is the safe side.
 */
export function notTextFields(schema: z.ZodType): ReadonlyMap<string, NotTextKind> {
  const fields = new Map<string, NotTextKind>();
  const visit = (node: z.ZodType, path: string): void => {
    const kind = z.globalRegistry.get(node)?.notText;
    if (kind !== undefined) {
      fields.set(path, kind);
      return;
    }
    const def = node._zod.def as SchemaDef;
    if (def.type === 'object' && def.shape) {
      for (const [key, child] of Object.entries(def.shape)) visit(child, path === '' ? key : `${path}.${key}`);
    } else if (def.innerType) {
      visit(def.innerType, path);
    } else if (def.type === 'pipe' && def.in) {
      visit(def.in, path);
    }
  };
  visit(schema, '');
  return fields;
}
