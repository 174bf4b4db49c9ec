import type { IntlShape } from 'react-intl';

/** Brand names come from core as free text; only known ones are translated. */
export function brandName(intl: IntlShape, brand: string | null): string {
  const key = `brand.${brand ?? 'unknown'}`;
  return key in intl.messages ? intl.formatMessage({ id: key }) : (brand ?? intl.formatMessage({ id: 'brand.unknown' }));
}
