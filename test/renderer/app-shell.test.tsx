import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useUiStore } from '../../renderer/src/state/ui-store.js';
import { renderApp, type RenderedApp } from './render-app.js';
import { stubBrowser } from './terminal/render-terminal.js';

beforeAll(stubBrowser);

describe('app shell', () => {
  let app: RenderedApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    useUiStore.setState({ section: 'terminal' });
  });

  it('shows the four sections and a status bar with what core says', async () => {
    app = await renderApp();
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(
      within(nav)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Terminal', 'History', 'Reports', 'Settings']);
    const status = await screen.findByRole('status', { name: 'Status' });
    expect(within(status).getByTestId('status-version').textContent).toBe('Version 4.5.6 · In memory');
    expect(within(status).getByTestId('status-data-dir').textContent).toBe(app.dataDir);
    const environment = within(status).getByTestId('status-environment');
    expect(environment.textContent).toBe('Test mode');
    expect(environment.getAttribute('title')).toBe('Test mode — sandbox, no real money');
    await waitFor(() =>
      expect(within(status).getByTestId('status-notifications').textContent).toBe(
        'Notifications: listening · none received yet · nothing awaiting confirmation',
      ),
    );
  });

  it('switches to French when the setting is saved, and keeps it in core', async () => {
    app = await renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Language' }), 'fr');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByRole('button', { name: 'Réglages' })).toBeTruthy();
    expect((await screen.findByTestId('status-environment')).getAttribute('title')).toBe('Mode test — bac à sable, aucun argent réel');
    expect(document.documentElement.lang).toBe('fr');
    const saved = await app.call('settings.get', undefined, { role: 'viewer', operator: null, transport: 'memory' });
    expect(saved).toMatchObject({ ok: true, value: { locale: 'fr' } });
  });

  it('marks a setting that is out of range on its field, and saves nothing', async () => {
    app = await renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const window = await screen.findByRole('textbox', { name: 'Duplicate warning window (minutes)' });
    await user.clear(window);
    await user.type(window, '5000');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(window.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Between 0 and 1,440 minutes.')).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toContain('Nothing was saved');
    const saved = await app.call('settings.get', undefined, { role: 'viewer', operator: null, transport: 'memory' });
    expect(saved).toMatchObject({ ok: true, value: { duplicateWindowMinutes: 10 } });
  });

  it('picks the time zone from the list of zones, not a text box, and core keeps it', async () => {
    app = await renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    expect(screen.queryByRole('textbox', { name: 'Time zone' })).toBeNull();
    const zone = (await screen.findByRole('combobox', { name: 'Time zone' })) as HTMLSelectElement;
    expect(zone.value).toBe('Europe/Paris');
    const options = Array.from(zone.options, (option) => option.value);
    expect(options).toContain('America/New_York');
    expect(options[0]).toBe('UTC');
    await user.selectOptions(zone, 'America/New_York');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    const saved = await app.call('settings.get', undefined, { role: 'viewer', operator: null, transport: 'memory' });
    expect(saved).toMatchObject({ ok: true, value: { timeZone: 'America/New_York' } });
  });

  it('lets an administrator set an account’s large-amount limit in its currency', async () => {
    app = await renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const limit = (await screen.findByRole('textbox', { name: 'Limit for Sandbox (EUR)' })) as HTMLInputElement;
    expect(limit.value).toBe('5000.00');
    await user.clear(limit);
    await user.type(limit, '1,500');
    expect(screen.getByText(/^Ambiguous: this could be €1,500\.00 or €1\.5/)).toBeTruthy();
    await user.clear(limit);
    await user.type(limit, '1500');
    await user.click(screen.getByRole('button', { name: 'Save the limit for Sandbox' }));
    await screen.findByText('Limit saved.');
    const accounts = await app.call('accounts.list', undefined, { role: 'viewer', operator: null, transport: 'memory' });
    expect(accounts).toMatchObject({ ok: true, value: { accounts: [{ largeAmountThreshold: 150_000 }] } });
  });
});
