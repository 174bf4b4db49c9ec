import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useUiStore } from '../../../renderer/src/state/ui-store.js';
import { renderApp, type RenderedApp } from '../render-app.js';
import { stubBrowser } from '../terminal/render-terminal.js';

beforeAll(stubBrowser);

describe('the Reports screen', () => {
  let app: RenderedApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    useUiStore.setState({ section: 'terminal' });
  });

  it('shows today’s totals in the operator’s zone, exports them with progress to done, and says when no Dalenys file has come yet', async () => {
    app = await renderApp({ settings: { timeZone: 'Europe/Paris' }, followUpDelayMs: 0 });
    await app.pay({ amount: 4200, orderId: 'RPT-1' });
    await app.pay({ amount: 1000, orderId: 'RPT-2' });
    useUiStore.setState({ section: 'reports' });
    const user = userEvent.setup();
    expect((await screen.findByTestId('reports-zone')).textContent).toBe('Days in Europe/Paris');
    // Totals are read by a reader worker, which loads TypeScript through tsx here: a bound on the wait.
    await waitFor(() => expect(screen.getByTestId('reports-approval').textContent).toBe('Approval rate: 100%'), { timeout: 60_000 });
    const currencies = screen.getByRole('table', { name: 'Currency' });
    expect(within(currencies).getByText('2')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(
      () =>
        expect(screen.getByText(/^Done: 2 operations in comptoir-operations_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_Europe-Paris_minor-units\.csv/)).toBeTruthy(),
      {
        // The export's worker thread loads TypeScript through tsx here: a bound on the wait, not a timing claim.
        timeout: 60_000,
      },
    );
    expect(readdirSync(join(app.dataDir, 'reports'))).toHaveLength(1);

    expect(await screen.findByText('No export file received from Dalenys yet.')).toBeTruthy();
    expect(app.violations).toEqual([]);
  });
});
