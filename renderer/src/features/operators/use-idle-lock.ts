import { useEffect } from 'react';
import { useStableCallback } from '../../app/use-stable-callback.js';
import { useSettings } from '../../contract/client-context.js';
import { useSessionChange } from './use-session.js';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * The page's own idle detection (web mode; in the desktop app the OS lock and suspend lock it
 * too): after the settings' minutes without a key or pointer, the desk locks. Timers, not a
 * busy loop; a page whose clock is faked (tests) follows that clock.
 */
export function useIdleLock(active: boolean) {
  const settings = useSettings();
  const { lock } = useSessionChange();
  const lockNow = useStableCallback(() => lock.mutate('idle'));
  const minutes = settings.data?.autoLockMinutes;
  useEffect(() => {
    if (!active || minutes === undefined) return;
    const limit = minutes * 60_000;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(lockNow, limit);
    };
    arm();
    for (const name of ACTIVITY) window.addEventListener(name, arm, { passive: true, capture: true });
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, arm, { capture: true });
    };
  }, [active, minutes, lockNow]);
}
