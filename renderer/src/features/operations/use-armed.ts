import { useEffect, useState } from 'react';

/**
 * How long a confirmation stays unarmed after it appears. A key held down, or Enter pressed
 * twice in quick succession (the second meant for the form), lands inside this window and
 * charges nothing; a deliberate press after it does.
 */
export const ARMING_DELAY_MS = 700;

/**
 * False for `ARMING_DELAY_MS` after `active` turns true, then true. The confirmation's button
 * ignores activation until then, and only then takes the focus, so Enter reaches it only
 * after a pause long enough to be a decision.
 */
export function useArmed(active: boolean): boolean {
  const [armed, setArmed] = useState(false);
  // Disarmed in the very render where `active` changes, never a frame later.
  const [wasActive, setWasActive] = useState(active);
  if (wasActive !== active) {
    setWasActive(active);
    setArmed(false);
  }
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => setArmed(true), ARMING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [active]);
  return armed;
}
