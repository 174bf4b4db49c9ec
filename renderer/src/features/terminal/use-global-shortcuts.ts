import { useWindowEvent } from '@mantine/hooks';
import { useTerminalStore } from '../../state/terminal-store.js';
import { useUiStore } from '../../state/ui-store.js';

function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * App-wide keys: Alt+N (or Ctrl+Alt+N; Ctrl+N belongs to the browser) opens a new payment
 * from any screen; `?` outside a field, or F1, shows the shortcut map. `code` is read, not
 * `key`, because Alt+N types a character on some layouts.
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
