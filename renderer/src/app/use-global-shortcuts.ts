import { useWindowEvent } from '@mantine/hooks';
import { useTerminalStore } from '../state/terminal-store.js';
import { useUiStore } from '../state/ui-store.js';

/** Inputs where `?` is a character; on a checkbox, a radio or a button it is the shortcut. */
const TEXT_INPUTS = new Set(['text', 'email', 'search', 'tel', 'url', 'password', 'number', 'date', 'month', 'week', 'time', 'datetime-local']);

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA') return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}

/**
 * App-wide keys: Alt+N (or Ctrl+Alt+N; Ctrl+N belongs to the browser) opens a new payment
 * from any screen; `?` wherever focus is except in a text field (where it is a character), or
 * F1 anywhere, shows the shortcut map. `code` is read, not `key`, because Alt+N types a
 * character on some layouts.
 */
export function useGlobalShortcuts(openShortcutMap: () => void): void {
  useWindowEvent('keydown', (event) => {
    if (event.altKey && !event.metaKey && !event.shiftKey && event.code === 'KeyN') {
      event.preventDefault();
      useUiStore.getState().goTo('terminal');
      useTerminalStore.getState().requestNewPayment();
      return;
    }
    if (event.key === 'F1' || (event.key === '?' && !event.ctrlKey && !event.altKey && !typingIn(event.target))) {
      event.preventDefault();
      openShortcutMap();
    }
  });
}
