import type { WireParams } from './wire-params.js';

/**
 * `application/x-www-form-urlencoded` body of a call, as PHP `http_build_query` builds it
 * (fact sheet 3.1): `method=<method>` then `params[KEY]=value`, one nesting level written
 * `params[AMOUNTS][2015-01-01]=100`. Brackets are percent-encoded and spaces become `+`, as
 * in PHP; any form decoder reads back the same strings that were signed.
 */
function component(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

export function encodeForm(method: string, params: WireParams): string {
  const parts: string[] = [`method=${component(method)}`];
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (typeof value === 'string') {
      parts.push(`params%5B${component(key)}%5D=${component(value)}`);
    } else if (value !== undefined) {
      for (const child of Object.keys(value)) {
        parts.push(`params%5B${component(key)}%5D%5B${component(child)}%5D=${component(value[child] ?? '')}`);
      }
    }
  }
  return parts.join('&');
}
