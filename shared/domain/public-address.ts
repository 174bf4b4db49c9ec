/**
 * Whether CLIENTIP may be sent to a production account. Dalenys' fraud checks read CLIENTIP as
 * the customer's public address (fact sheet 3.2: IPv4 dotted quad, 15 characters at most); a
 * loopback or private address tells them nothing and marks every phone order as suspicious.
 * One rule, read by the contract (which refuses) and by the form (which explains).
 */
export type AddressProblem =
  'not_ipv4' | 'unspecified' | 'loopback' | 'private' | 'link_local' | 'cgnat' | 'unique_local' | 'documentation' | 'multicast' | 'reserved';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** A dotted quad with no leading zeros (which some parsers read as octal). */
export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

/** [first address, prefix length, problem]: the special-purpose blocks of RFC 6890 and their successors. */
const SPECIAL_V4: ReadonlyArray<readonly [string, number, AddressProblem]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link_local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const toNumber = (address: string) => address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);

/** IPv6 blocks named for a clear reason; any IPv6 is refused anyway (CLIENTIP takes 15 characters). */
function ipv6Problem(value: string): AddressProblem | undefined {
  const lower = value.toLowerCase();
  if (!/^[0-9a-f:.]+$/.test(lower) || !lower.includes(':')) return undefined;
  if (lower === '::1') return 'loopback';
  if (lower === '::') return 'unspecified';
  if (/^f[cd][0-9a-f]{0,2}:/.test(lower)) return 'unique_local';
  if (/^fe[89ab][0-9a-f]?:/.test(lower)) return 'link_local';
  if (/^2001:0?db8:/.test(lower)) return 'documentation';
  return 'not_ipv4';
}

/** Why this address cannot be a production CLIENTIP, or undefined when it is a public IPv4 address. */
export function publicAddressProblem(value: string): AddressProblem | undefined {
  const trimmed = value.trim();
  if (!isIpv4(trimmed)) return ipv6Problem(trimmed) ?? 'not_ipv4';
  const address = toNumber(trimmed);
  for (const [first, prefix, problem] of SPECIAL_V4) {
    const size = 2 ** (32 - prefix);
    const start = toNumber(first);
    if (address >= start && address < start + size) return problem;
  }
  return undefined;
}

/** What the form shows beside the field, in both languages. */
export const ADDRESS_PROBLEM_TEXT: Readonly<Record<AddressProblem, { readonly en: string; readonly fr: string }>> = {
  not_ipv4: {
    en: 'Enter an IPv4 address such as 203.0.114.7 (Dalenys takes 15 characters at most).',
    fr: 'Saisissez une adresse IPv4 comme 203.0.114.7 (Dalenys accepte 15 caractères au plus).',
  },
  unspecified: { en: 'This address means “no address”.', fr: 'Cette adresse signifie qu’il n’y a pas d’adresse.' },
  loopback: {
    en: 'This is this computer’s own loopback address; Dalenys needs the public address of your internet connection.',
    fr: 'C’est l’adresse de bouclage de cet ordinateur ; Dalenys a besoin de l’adresse publique de votre connexion internet.',
  },
  private: {
    en: 'This is a private network address (RFC 1918); Dalenys needs the public address of your internet connection.',
    fr: 'C’est une adresse de réseau privé (RFC 1918) ; Dalenys a besoin de l’adresse publique de votre connexion internet.',
  },
  link_local: {
    en: 'This is a link-local address, valid on this network segment only.',
    fr: 'C’est une adresse locale au lien, valable sur ce segment de réseau seulement.',
  },
  cgnat: {
    en: 'This is your provider’s shared address space (CGNAT), not a public address.',
    fr: 'C’est l’espace d’adresses partagé de votre opérateur (CGNAT), pas une adresse publique.',
  },
  unique_local: {
    en: 'This is a unique-local IPv6 address, private to your network.',
    fr: 'C’est une adresse IPv6 locale unique, privée à votre réseau.',
  },
  documentation: {
    en: 'This address is reserved for documentation and examples.',
    fr: 'Cette adresse est réservée à la documentation et aux exemples.',
  },
  multicast: { en: 'This is a multicast address.', fr: 'C’est une adresse de multidiffusion.' },
  reserved: { en: 'This address is reserved and never used on the internet.', fr: 'Cette adresse est réservée et jamais utilisée sur internet.' },
};
