import type { KeyboardEvent } from 'react';

const FIELDS = 'input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled)';

/** Fields Enter can land on, in DOM (= Tab) order; a radio group counts once, by its checked radio. */
function enterStops(form: HTMLFormElement): HTMLElement[] {
  return Array.from(form.querySelectorAll<HTMLElement>(FIELDS)).filter((field) => {
    if (field.closest('[data-enter-skip]') || field.tabIndex < 0 || field.getAttribute('aria-hidden') === 'true') return false;
    return !(field instanceof HTMLInputElement && field.type === 'radio' && !field.checked);
  });
}

/**
 * Enter moves to the next field, as agents expect from a keyed terminal; on the last field it
 * submits. Buttons keep their own Enter (activation), and a field marked `data-enter-skip`
 * (options) is passed over, so the usual path is amount → order → customer → card → submit.
 */
export function moveOnEnter(event: KeyboardEvent<HTMLFormElement>, submit: () => void): void {
  if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || event.nativeEvent.isComposing) return;
  const target = event.target;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
  event.preventDefault();
  const stops = enterStops(event.currentTarget);
  const at = stops.indexOf(target);
  const next = at >= 0 ? stops.slice(at + 1)[0] : undefined;
  if (next) next.focus();
  else submit();
}
