import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useUiStore } from '../../renderer/src/state/ui-store.js';
import { renderApp } from './render-app.js';

beforeAll(() => {
  // Mantine reads colour-scheme preferences through matchMedia.
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, onchange: null, addListener() {}, removeListener() {}, dispatchEvent: () => false })) as never;
});

describe('app shell', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    useUiStore.setState({ section: 'terminal' });
  });

  it('shows the four sections and a status bar with what core says', async () => {
    const app = await renderApp();
    cleanup = app.cleanup;
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getAllByRole('button').map((button) => button.textContent)).toEqual(['Terminal', 'History', 'Reports', 'Settings']);
    const status = await screen.findByRole('status', { name: 'Status' });
    expect(within(status).getByText('Version 4.5.6')).toBeTruthy();
    expect(within(status).getByTestId('status-data-dir').textContent).toBe(app.dataDir);
    expect(within(status).getByText('Test mode — sandbox, no real money')).toBeTruthy();
    await waitFor(() => expect(within(status).getByTestId('status-notifications').textContent).toBe('Notifications: listening · none received yet · nothing awaiting confirmation'));
  });

  it('switches to French when the setting is saved, and keeps it in core', async () => {
    const app = await renderApp();
    cleanup = app.cleanup;
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Language' }), 'fr');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByRole('button', { name: 'Réglages' })).toBeTruthy();
    expect(await screen.findByText('Mode test — bac à sable, aucun argent réel')).toBeTruthy();
    const saved = await app.core.dispatcher.invoke('settings.get', undefined, { role: 'viewer', operator: null, transport: 'memory' });
    expect(saved).toMatchObject({ ok: true, value: { locale: 'fr' } });
  });

  it('shows core’s refusal of an invalid setting in words, and saves nothing', async () => {
    const app = await renderApp();
    cleanup = app.cleanup;
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const zone = await screen.findByRole('textbox', { name: 'Time zone' });
    await user.clear(zone);
    await user.type(zone, 'Mars/Olympus');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Some fields are missing or not valid');
    const saved = await app.core.dispatcher.invoke('settings.get', undefined, { role: 'viewer', operator: null, transport: 'memory' });
    expect(saved).toMatchObject({ ok: true, value: { timeZone: 'Europe/Paris' } });
  });
});
