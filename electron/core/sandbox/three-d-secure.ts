/**
 * The sandbox's stand-in for the card issuer's 3-D Secure page (ACS). A 0001 answer carries
 * `3DSECUREHTML`: a base64 page that auto-posts to `/sandbox/3ds/<token>`, where the
 * "cardholder" chooses success or failure (`/sandbox/3ds/<token>/complete?result=…`).
 * Tests can also complete programmatically with `completeThreeDSecure`.
 */
export interface PendingAuthentication {
  readonly token: string;
  readonly transactionId: string;
  /** Length of CVV the card needs, kept for an alias created on completion (the PAN is gone). */
  readonly cvvLength: 3 | 4;
  /** Sandbox time after which the authentication ends in 4009. */
  readonly expiresAt: number;
}

export class ThreeDSecureRegistry {
  private readonly byToken = new Map<string, PendingAuthentication>();
  private readonly byTransaction = new Map<string, PendingAuthentication>();
  /** Told of each new authentication, so the expiry timer can be set for the earliest. */
  onAdded: (() => void) | undefined;

  add(pending: PendingAuthentication): void {
    this.byToken.set(pending.token, pending);
    this.byTransaction.set(pending.transactionId, pending);
    this.onAdded?.();
  }

  byTokenId(token: string): PendingAuthentication | undefined {
    return this.byToken.get(token);
  }

  forTransaction(transactionId: string): PendingAuthentication | undefined {
    return this.byTransaction.get(transactionId);
  }

  remove(transactionId: string): void {
    const pending = this.byTransaction.get(transactionId);
    if (pending === undefined) return;
    this.byTransaction.delete(transactionId);
    this.byToken.delete(pending.token);
  }

  /** Authentications whose time is up at `now`. */
  due(now: number): PendingAuthentication[] {
    return [...this.byTransaction.values()].filter((pending) => now >= pending.expiresAt);
  }

  /** The earliest expiry still to come, if any authentication is pending. */
  nextExpiry(): number | undefined {
    let next: number | undefined;
    for (const pending of this.byTransaction.values()) if (next === undefined || pending.expiresAt < next) next = pending.expiresAt;
    return next;
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function acsUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/sandbox/3ds/${token}`;
}

/** The page the merchant decodes and shows: it posts the browser on to the sandbox ACS. */
export function threeDSecureHtml(baseUrl: string, token: string): string {
  const action = escapeHtml(acsUrl(baseUrl, token));
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"><title>3-D Secure</title></head>',
    '<body onload="document.forms[0].submit()">',
    `<form method="post" action="${action}">`,
    `<input type="hidden" name="token" value="${escapeHtml(token)}">`,
    '<noscript><button type="submit">Continue to 3-D Secure</button></noscript>',
    '</form></body></html>',
  ].join('\n');
}

/** The ACS page itself: two buttons, no card data shown but the masked number. */
export function acsPage(baseUrl: string, token: string, summary: { amount: string; maskedCard: string; orderId: string }): string {
  const complete = (result: string) => escapeHtml(`${acsUrl(baseUrl, token)}/complete?result=${result}`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Sandbox 3-D Secure</title></head><body>',
    '<h1>Sandbox 3-D Secure authentication</h1>',
    `<p>Order ${escapeHtml(summary.orderId)}, amount ${escapeHtml(summary.amount)}, card ${escapeHtml(summary.maskedCard)}.</p>`,
    `<form method="post" action="${complete('success')}"><button type="submit">Authenticate</button></form>`,
    `<form method="post" action="${complete('failure')}"><button type="submit">Fail authentication</button></form>`,
    '</body></html>',
  ].join('\n');
}

export function resultPage(title: string, text: string): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
}
