import { afterEach, describe, expect, it } from 'vitest';
import { takeSessionToken } from '../../../renderer/src/transport/select-transport.js';

/** Issue 13 item 12: web mode's token leaves the address bar after the first load; a reload still works. */
describe('web mode session token', () => {
  afterEach(() => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it('takes the token from the printed link, then removes it from the address bar and the history entry', () => {
    window.history.replaceState(null, '', '/?token=first-launch-token&view=terminal#top');
    expect(takeSessionToken(window)).toBe('first-launch-token');
    expect(window.location.search).toBe('?view=terminal');
    expect(window.location.hash).toBe('#top');
    expect(window.location.href).not.toContain('first-launch-token');
  });

  it('finds it again on a reload of the same tab, with nothing in the address bar', () => {
    window.history.replaceState(null, '', '/?token=first-launch-token');
    takeSessionToken(window);
    window.history.replaceState(null, '', '/');
    expect(takeSessionToken(window)).toBe('first-launch-token');
  });

  it('prefers a new link (a new launch) to what the tab kept, and has nothing without either', () => {
    expect(takeSessionToken(window)).toBeUndefined();
    window.history.replaceState(null, '', '/?token=old');
    takeSessionToken(window);
    window.history.replaceState(null, '', '/?token=new');
    expect(takeSessionToken(window)).toBe('new');
    window.history.replaceState(null, '', '/');
    expect(takeSessionToken(window)).toBe('new');
  });

  it('keeps the token out of cookies', () => {
    window.history.replaceState(null, '', '/?token=first-launch-token');
    takeSessionToken(window);
    expect(document.cookie).toBe('');
  });
});
