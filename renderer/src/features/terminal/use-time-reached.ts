import { useEffect, useState } from 'react';

/**
 * Whether the clock has reached `at` (epoch ms; null counts as reached), turning true by itself
 * when it does, so a button waiting for the gateway's delay comes alive without a reload.
 */
export function useTimeReached(at: number | null): boolean {
  const [reached, setReached] = useState(() => at === null || Date.now() >= at);
  useEffect(() => {
    if (at === null || Date.now() >= at) {
      setReached(true);
      return undefined;
    }
    setReached(false);
    // setTimeout holds at most 2^31-1 ms; the delay here is minutes.
    const timer = setTimeout(() => setReached(true), Math.min(at - Date.now(), 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [at]);
  return reached;
}
