/**
 * Every failure that can reach an operator has a stable code and words in English and French.
 * Each capability keeps its own catalog file beside this one; `index.ts` merges them, and a
 * test checks that no code is declared twice and that both languages are filled in.
 */
export interface LocalizedText {
  readonly en: string;
  readonly fr: string;
}

export type ErrorCatalog = Readonly<Record<string, LocalizedText>>;
