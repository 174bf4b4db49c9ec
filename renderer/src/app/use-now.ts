import { useCallback, useSyncExternalStore } from 'react';

const MINUTE = 60_000;

/**
 * The clock, read the way React reads any outside store: one value for a whole render, and a
 * new value (with a render) each time it passes a whole `stepMs`. What compares with today
 * (a card's expiry, instalment dates, an authorization's time left, the time in a zone) stays
 * right on a page left open, and rendering stays pure.
 */
export function useNow(stepMs = MINUTE): number {
  const subscribe = useCallback(
    (changed: () => void) => {
      let timer: ReturnType<typeof setTimeout>;
      const arm = () => {
        timer = setTimeout(
          () => {
            changed();
            arm();
          },
          stepMs - (Date.now() % stepMs),
        );
      };
      arm();
      return () => clearTimeout(timer);
    },
    [stepMs],
  );
  return useSyncExternalStore(subscribe, () => {
    const now = Date.now();
    return now - (now % stepMs);
  });
}
