import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useEffect, useState, type CSSProperties } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { HistoryPage } from '../features/history/history-page.js';
import { ReportsPage } from '../features/reports/reports-page.js';
import { SettingsPage } from '../features/settings/settings-page.js';
import { EnvironmentBanner } from './environment-banner.js';
import { ShortcutButton, ShortcutMap } from './shortcut-map.js';
import { TerminalPage } from '../features/terminal/terminal-page.js';
import { useGlobalShortcuts } from './use-global-shortcuts.js';
import { SECTIONS, useUiStore, type Section } from '../state/ui-store.js';
import { StatusBar } from './status-bar.js';
import { FirstAdminPrompt } from '../features/operators/first-admin-prompt.js';
import { SessionMenu } from '../features/operators/session-menu.js';
import { useSession } from '../features/operators/use-session.js';

function SectionView({ section }: { section: Section }) {
  switch (section) {
    case 'terminal':
      return <TerminalPage />;
    case 'history':
      return <HistoryPage />;
    case 'reports':
      return <ReportsPage />;
    case 'settings':
      return <SettingsPage />;
  }
}

const BANNER_HEIGHT = 28;
const HEADER_HEIGHT = 52 + BANNER_HEIGHT;
const FOOTER_HEIGHT = 40;

export function ComptoirShell() {
  const intl = useIntl();
  const section = useUiStore((state) => state.section);
  const goTo = useUiStore((state) => state.goTo);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const session = useSession();
  useGlobalShortcuts(() => setShortcutsOpen(true));
  // Focusing or scrolling to a field or a message keeps it clear of the fixed header and status bar.
  useEffect(() => {
    const html = document.documentElement.style;
    html.scrollPaddingTop = `${HEADER_HEIGHT + 16}px`;
    html.scrollPaddingBottom = `${FOOTER_HEIGHT + 16}px`;
  }, []);
  return (
    <AppShell header={{ height: HEADER_HEIGHT }} navbar={{ width: 200, breakpoint: 0 }} footer={{ height: FOOTER_HEIGHT }} padding="lg">
      <AppShell.Header>
        <EnvironmentBanner />
        <Group h={52} px="md" gap="xs" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Title order={2} size="h4">
              <FormattedMessage id="app.title" />
            </Title>
            <Text size="sm" c="dimmed">
              <FormattedMessage id="app.tagline" />
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SessionMenu />
            <ShortcutButton onOpen={() => setShortcutsOpen(true)} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={intl.formatMessage({ id: 'nav.label' })}>
        {SECTIONS.map((name) => (
          <NavLink
            key={name}
            component="button"
            label={intl.formatMessage({ id: `nav.${name}` })}
            active={section === name}
            aria-current={section === name ? 'page' : undefined}
            onClick={() => goTo(name)}
            // The active item's hover keeps its text at 4.5:1 (Mantine's light hover is lighter than its text needs).
            style={{ '--nl-hover': 'var(--mantine-color-blue-1)', '--nl-color': 'var(--mantine-color-blue-9)' } as CSSProperties}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {session.data?.desk && <FirstAdminPrompt />}
        <SectionView section={section} />
      </AppShell.Main>
      <AppShell.Footer>
        <StatusBar />
      </AppShell.Footer>
      <ShortcutMap opened={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </AppShell>
  );
}
