import { z } from 'zod';
import { GatewayConfigError } from './errors.js';
import { hasControlChar } from './fields.js';
import { M, maxChars } from './messages.js';
import type { GatewayEndpoint } from './methods.js';

/**
 * Per-account gateway configuration. Hosts are configuration, not constants (fact sheet 2.1
 * and Q3): the two published environments are presets, and any other pair is `custom`.
 */
const DALENYS_HOSTS = {
  sandbox: { primary: 'https://secure-test.dalenys.com' },
  production: { primary: 'https://secure-magenta1.dalenys.com', secondary: 'https://secure-magenta2.dalenys.com' },
} as const;

const DEFAULT_PATHS: Readonly<Record<GatewayEndpoint, string>> = {
  process: '/front/service/rest/process',
  export: '/front/service/rest/export',
  reconciliation: '/front/service/rest/reconciliation',
};

const DEFAULT_VERSION = '2.0';

const hostUrl = z.string().min(1).max(2048);
const path = z
  .string()
  .max(512, { error: maxChars(512) })
  .regex(/^\/[^\s?#]*$/, { error: 'must start with / and contain no spaces, ? or #' });

export const GatewayHosts = z.union([z.literal('sandbox'), z.literal('production'), z.strictObject({ primary: hostUrl, secondary: hostUrl.optional() })]);
export type GatewayHosts = z.infer<typeof GatewayHosts>;

export const GatewayAccountConfig = z.strictObject({
  /** IDENTIFIER, max 32 characters. */
  identifier: z
    .string()
    .min(1)
    .max(32)
    .refine((value) => !hasControlChar(value), { error: M.controlChars }),
  /** The account secret that signs every call; never logged, never returned. */
  password: z.string().min(1).max(255),
  /** VERSION sent on every call; '2.0' unless the account needs '3.0' fields. */
  version: z
    .string()
    .regex(/^[0-9]\.[0-9]$/, { error: M.version })
    .default(DEFAULT_VERSION),
  hosts: GatewayHosts,
  paths: z.strictObject({ process: path.optional(), export: path.optional(), reconciliation: path.optional() }).optional(),
});
export type GatewayAccountConfig = z.input<typeof GatewayAccountConfig>;

export type HostRole = 'primary' | 'secondary';

export interface GatewayHost {
  readonly role: HostRole;
  /** Scheme, host, port and any base path, without a trailing slash. */
  readonly base: string;
  /** Scheme, host and port: safe to log (the config refuses credentials in URLs). */
  readonly origin: string;
}

export interface ResolvedAccount {
  readonly identifier: string;
  readonly password: string;
  readonly version: string;
  readonly hosts: readonly GatewayHost[];
  readonly paths: Readonly<Record<GatewayEndpoint, string>>;
}

/** Loopback only: the built-in sandbox and test servers may use plain http. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function resolveHost(role: HostRole, raw: string): GatewayHost {
  const field = `hosts.${role}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new GatewayConfigError('GATEWAY_INVALID_CONFIG', field, 'is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GatewayConfigError('GATEWAY_INSECURE_URL', field, 'must use https');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new GatewayConfigError('GATEWAY_INSECURE_URL', field, 'must use https unless it is a loopback address');
  }
  if (url.username || url.password) {
    // Credentials in a URL would travel into logs and error reports.
    throw new GatewayConfigError('GATEWAY_INVALID_CONFIG', field, 'must not contain a user name or password');
  }
  if (url.search || url.hash) {
    throw new GatewayConfigError('GATEWAY_INVALID_CONFIG', field, 'must not contain a query or fragment');
  }
  const basePath = url.pathname.replace(/\/+$/, '');
  return { role, base: `${url.origin}${basePath}`, origin: url.origin };
}

export function resolveAccount(config: GatewayAccountConfig): ResolvedAccount {
  const parsed = GatewayAccountConfig.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? issue.path.map(String).join('.') || '(config)' : '(config)';
    // Zod's own wording names the rule, never the value; the password can't leak from here.
    throw new GatewayConfigError('GATEWAY_INVALID_CONFIG', field, issue?.message ?? 'is not valid');
  }
  const value = parsed.data;
  const preset = value.hosts === 'sandbox' || value.hosts === 'production' ? DALENYS_HOSTS[value.hosts] : value.hosts;
  const hosts: GatewayHost[] = [resolveHost('primary', preset.primary)];
  const secondary = 'secondary' in preset ? preset.secondary : undefined;
  if (secondary) hosts.push(resolveHost('secondary', secondary));
  return {
    identifier: value.identifier,
    password: value.password,
    version: value.version,
    hosts,
    paths: { ...DEFAULT_PATHS, ...stripUndefined(value.paths ?? {}) },
  };
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
