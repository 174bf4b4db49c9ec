import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { SettingsPage } from '../features/settings/settings-page.js';
import { SECTIONS, useUiStore, type Section } from '../state/ui-store.js';
import { PlaceholderPage } from './placeholder-page.js';
import { StatusBar } from './status-bar.js';

function SectionView({ section }: { section: Section }) {
  switch (section) {
    case 'terminal':
      return <PlaceholderPage title="terminal.title" body="terminal.placeholder" />;
    case 'history':
      return <PlaceholderPage title="history.title" body="history.placeholder" />;
    case 'reports':
      return <PlaceholderPage title="reports.title" body="reports.placeholder" />;
    case 'settings':
      return <SettingsPage />;
  }
}

export function ComptoirShell() {
  const intl = useIntl();
  const section = useUiStore((state) => state.section);
  const goTo = useUiStore((state) => state.goTo);
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 0 }} footer={{ height: 40 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" gap="xs">
          <Title order={2} size="h4">
            <FormattedMessage id="app.title" />
          </Title>
          <Text size="sm" c="dimmed">
            <FormattedMessage id="app.tagline" />
          </Text>
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
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <SectionView section={section} />
      </AppShell.Main>
      <AppShell.Footer>
        <StatusBar />
      </AppShell.Footer>
    </AppShell>
  );
}
