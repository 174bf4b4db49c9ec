import { Button, Kbd, Table } from '@mantine/core';
import { Fragment } from 'react';
import { useIntl } from 'react-intl';
import { AppDialog } from './app-dialog.js';
import type { MessageKey } from '../i18n/messages.js';

/** Keys as shown; the alternatives are separated by "or". Ctrl+N is left to the browser. */
const SHORTCUTS: readonly { readonly keys: readonly (readonly string[])[]; readonly action: MessageKey }[] = [
  {
    keys: [
      ['Alt', 'N'],
      ['Ctrl', 'Alt', 'N'],
    ],
    action: 'shortcuts.newPayment',
  },
  { keys: [['Enter']], action: 'shortcuts.enter' },
  { keys: [['Tab'], ['Shift', 'Tab']], action: 'shortcuts.tab' },
  { keys: [['Esc']], action: 'shortcuts.escape' },
  { keys: [['Space']], action: 'shortcuts.space' },
  { keys: [['?'], ['F1']], action: 'shortcuts.help' },
  { keys: [['/']], action: 'shortcuts.historySearch' },
  { keys: [['↑'], ['↓'], ['Page Up'], ['Page Down']], action: 'shortcuts.historyRows' },
  { keys: [['Enter']], action: 'shortcuts.historyOpen' },
  { keys: [['R']], action: 'shortcuts.historyRefund' },
  { keys: [['C']], action: 'shortcuts.historyCapture' },
];

export function ShortcutMap({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const intl = useIntl();
  return (
    <AppDialog opened={opened} onClose={onClose} title={intl.formatMessage({ id: 'shortcuts.title' })} size="lg" testId="shortcut-dialog">
      <Table striped withTableBorder data-testid="shortcut-map">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{intl.formatMessage({ id: 'shortcuts.keys' })}</Table.Th>
            <Table.Th>{intl.formatMessage({ id: 'shortcuts.action' })}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SHORTCUTS.map((shortcut) => (
            <Table.Tr key={shortcut.action}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {shortcut.keys.map((combo, index) => (
                  <Fragment key={combo.join('+')}>
                    {index > 0 && ` ${intl.formatMessage({ id: 'shortcuts.or' })} `}
                    {combo.map((key, at) => (
                      <Fragment key={key}>
                        {at > 0 && ' + '}
                        <Kbd>{key}</Kbd>
                      </Fragment>
                    ))}
                  </Fragment>
                ))}
              </Table.Td>
              <Table.Td>{intl.formatMessage({ id: shortcut.action })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </AppDialog>
  );
}

export function ShortcutButton({ onOpen }: { onOpen(): void }) {
  const intl = useIntl();
  return (
    <Button variant="default" size="xs" onClick={onOpen} rightSection={<Kbd size="xs">?</Kbd>}>
      {intl.formatMessage({ id: 'shortcuts.button' })}
    </Button>
  );
}
