import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import type { ContractClient } from '../../../shared/contract/client.js';
import { ClientProvider, useSettings } from '../contract/client-context.js';
import { MESSAGES } from '../i18n/messages.js';
import { ComptoirShell } from './app-shell.js';
import { SessionGate } from '../features/operators/session-gate.js';
import { accessibleColors } from './theme.js';

function LocalizedApp({ children }: { children: ReactNode }) {
  const settings = useSettings();
  const locale = settings.data?.locale ?? 'en';
  // Screen readers pick their voice from <html lang>: it follows the UI language.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <IntlProvider locale={locale} messages={MESSAGES[locale]} defaultLocale="en" timeZone={settings.data?.timeZone}>
      {children}
    </IntlProvider>
  );
}

/** Everything the UI needs, given a contract client (any transport). */
export function Root({ client }: { client: ContractClient }) {
  const queries = useMemo(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }), []);
  return (
    <MantineProvider defaultColorScheme="light" cssVariablesResolver={accessibleColors}>
      <QueryClientProvider client={queries}>
        <ClientProvider client={client}>
          <LocalizedApp>
            <SessionGate>
              <ComptoirShell />
            </SessionGate>
          </LocalizedApp>
        </ClientProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
