import type { z } from 'zod';
import type { Role } from './roles.js';

export interface OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly role: Role;
  readonly summary: string;
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  readonly summary: string;
}

export const defineOperation = <I extends z.ZodType, O extends z.ZodType>(spec: OperationSpec<I, O>) => spec;
export const defineEvent = <P extends z.ZodType>(spec: EventSpec<P>) => spec;

/** A capability's share of the contract: its operations, by name. */
export type OperationSlice = Readonly<Record<string, OperationSpec>>;

type KeysOf<T extends readonly object[]> = { [I in keyof T]: keyof T[I] }[number];
type Repeated<T extends readonly object[]> = T extends readonly [infer Head extends object, ...infer Rest extends readonly object[]]
  ? (keyof Head & KeysOf<Rest>) | Repeated<Rest>
  : never;
type Together<T extends readonly object[]> = T extends readonly [infer Head, ...infer Rest extends readonly object[]] ? Head & Together<Rest> : unknown;

/**
 * Compiles only when the slices hold every name of `Names` exactly once and nothing else;
 * otherwise the error names what is missing, unknown or repeated.
 */
type ExactlyOnce<T extends readonly object[], Names extends PropertyKey> = [Exclude<Names, KeysOf<T>>, Exclude<KeysOf<T>, Names>, Repeated<T>] extends [
  never,
  never,
  never,
]
  ? unknown
  : { readonly missing: Exclude<Names, KeysOf<T>>; readonly unknown: Exclude<KeysOf<T>, Names>; readonly repeated: Repeated<T> };

/** Puts slices together into one record, by `composeSlices`. */
export type SliceComposer<Names extends string> = <const T extends readonly object[]>(
  ...slices: T & ExactlyOnce<T, Names>
) => { [K in keyof Together<T>]: Together<T>[K] };

/**
 * Puts per-capability slices (of the contract, or of core's handlers) together into one
 * record of `names`. The compiler checks that each name is in exactly one slice; so does this
 * function when it runs, for anything the types could not see.
 */
export function composeSlices<Names extends string>(names: readonly Names[]): SliceComposer<Names> {
  return (...slices) => {
    const composed: Record<string, unknown> = {};
    for (const slice of slices as readonly object[]) {
      for (const [name, entry] of Object.entries(slice)) {
        if (Object.hasOwn(composed, name)) throw new Error(`${name} is in two slices`);
        if (!(names as readonly string[]).includes(name)) throw new Error(`${name} is not an operation`);
        composed[name] = entry;
      }
    }
    const missing = names.filter((name) => !Object.hasOwn(composed, name));
    if (missing.length > 0) throw new Error(`no slice has ${missing.join(', ')}`);
    return composed as never;
  };
}
