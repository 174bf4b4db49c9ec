import { useCallback, useSyncExternalStore } from 'react';

/** setTimeout holds at most 2^31-1 ms; the delays here are minutes. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Whether the clock has reached `at` (epoch ms; null counts as reached), turning true by itself
 * when it does, so a button waiting for the gateway's delay comes alive without a reload. The
 * clock is read as an outside store: a timer says when to look again.
 */
export function useTimeReached(at: number | null): boolean {
  const subscribe = useCallback(
    (changed: () => void) => {
      if (at === null) return () => undefined;
      let timer: ReturnType<typeof setTimeout>;
      const arm = () => {
        const left = at - Date.now();
        if (left <= 0) return changed();
        timer = setTimeout(arm, Math.min(left, LONGEST_TIMER_MS));
      };
      arm();
      return () => clearTimeout(timer);
    },
    [at],
  );
  return useSyncExternalStore(subscribe, () => at === null || Date.now() >= at);
}
