import { z } from 'zod';

/*
 * Input fields that are not operator text: card data the contract takes on purpose (the card
 * number and CVV, to sign and send) and ids (idempotency keys). Core refuses a card number in
 * every other string of every operation's input, in one place (the dispatcher); a field says
 * here, beside its schema, that it is exempt, so the exemption cannot drift from the contract
 * and a field a form adds later is covered without being named.
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
 * The paths (`card.number`, `idempotencyKey`) of an input schema's fields declared not text.
 * Lists are not entered: a field inside one is scanned like text, which is the safe side.
 */
export function notTextPaths(schema: z.ZodType): ReadonlySet<string> {
  const paths = new Set<string>();
  const visit = (node: z.ZodType, path: string): void => {
    if (z.globalRegistry.get(node)?.notText !== undefined) {
      paths.add(path);
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
  return paths;
}
