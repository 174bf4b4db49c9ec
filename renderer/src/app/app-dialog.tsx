import { Modal, type ModalRootProps } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { useStableCallback } from './use-stable-callback.js';

interface AppDialogProps extends Pick<ModalRootProps, 'opened' | 'onClose' | 'size' | 'closeOnEscape' | 'closeOnClickOutside' | 'lockScroll'> {
  readonly title: ReactNode;
  readonly children: ReactNode;
  /** Give the focus back to what opened the dialog when it closes (unless something else took it). */
  readonly returnFocus?: boolean;
  /** The close button's accessible name; "Close" unless closing means something more specific. */
  readonly closeLabel?: string;
  readonly testId?: string;
}

/**
 * Every dialog of the app. Mantine's ready-made Modal renders its header as `<header>`, which
 * assistive technology may announce as a second banner landmark, and its close button has no
 * name: this one uses a plain `div` and names the button. No transition: the dialog is there
 * the moment a key opens it.
 *
 * Focus goes back to the element that opened the dialog only if nothing else took it when
 * the dialog closed (an action that moves the focus to its result keeps it there), and only
 * if that element is still on the page: never to the page body.
 */
export function AppDialog({ title, children, closeLabel, testId, returnFocus = true, ...root }: AppDialogProps) {
  const intl = useIntl();
  const shouldReturn = useStableCallback(() => returnFocus);
  // Read while rendering the opening, before the dialog's focus trap moves the focus inside.
  const [opening, setOpening] = useState<{ readonly opened: boolean; readonly opener: HTMLElement | null }>({ opened: false, opener: null });
  if (opening.opened !== root.opened) {
    setOpening({ opened: root.opened, opener: root.opened && document.activeElement instanceof HTMLElement ? document.activeElement : null });
  }
  const opened = opening.opened;
  const back = opening.opener;
  useEffect(() => {
    if (!opened) return;
    // On closing, or on unmounting while open.
    return () => {
      if (!shouldReturn() || !back) return;
      requestAnimationFrame(() => {
        const active = document.activeElement;
        if ((active === null || active === document.body) && back.isConnected) back.focus();
      });
    };
  }, [opened, back, shouldReturn]);
  return (
    <Modal.Root transitionProps={{ duration: 0 }} returnFocus={false} {...root}>
      <Modal.Overlay />
      <Modal.Content data-testid={testId}>
        <Modal.Header {...({ component: 'div' } as object)}>
          <Modal.Title fw={700} fz="lg">
            {title}
          </Modal.Title>
          <Modal.CloseButton aria-label={closeLabel ?? intl.formatMessage({ id: 'common.close' })} />
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
