import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { FollowUpDone } from './follow-up-actions.js';
import { contractErrorText } from '../../app/contract-error-text.js';
import type { FollowUpKind, useFollowUps } from './use-follow-ups.js';

/**
 * An action on the operation asked for behind a `ConfirmDialog` (stopping instalments, closing
 * as abandoned): opening clears an older error; a refusal stays in the dialog, where the
 * operator is looking; success closes it and tells the page.
 */
export function useConfirmedAction(
  kind: Extract<FollowUpKind, 'stopInstalments' | 'abandon'>,
  operationId: number,
  followUps: ReturnType<typeof useFollowUps>,
  onDone: FollowUpDone,
) {
  const intl = useIntl();
  const [opened, setOpened] = useState(false);
  const confirm = async () => {
    const result = await followUps.run(kind, operationId);
    if (result) {
      setOpened(false);
      onDone(result, kind, operationId);
    }
  };
  return {
    open: () => {
      followUps.clearError();
      setOpened(true);
    },
    /** What `ConfirmDialog` needs besides its words. */
    dialog: {
      opened,
      busy: followUps.busy === kind,
      failure: followUps.error && followUps.failed === kind ? contractErrorText(intl, followUps.error) : undefined,
      onConfirm: () => void confirm(),
      onCancel: () => setOpened(false),
    },
  };
}
