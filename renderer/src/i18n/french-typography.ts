/**
 * French puts a no-break space before `:`, `;`, `?` and `!`, so they never start a line. The UI
 * catalog is written that way; text from elsewhere (core's error catalogs) is set right here.
 */
export function frenchSpacing(text: string): string {
  return text.replace(/[ \u00a0\u202f]?([:;?!])(?=\s|$)/g, '\u00a0$1');
}
