/**
 * Values some catalog words name in braces, carried beside the code so each side can put them
 * in its own language: `{time}` is an instant (epoch ms), shown as a clock time in the
 * operator's time zone.
 */
export type ErrorParams = Readonly<Record<string, string | number>>;

/** The words with each `{name}` replaced by its text; a name without a value stays as written. */
export function fillErrorText(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? (values[name] as string) : whole));
}
