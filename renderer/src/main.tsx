import '@mantine/core/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '../../shared/contract/client.js';
import { Root } from './app/root.js';
import { selectTransport } from './transport/select-transport.js';

const container = document.getElementById('root') as HTMLElement;
const transport = selectTransport();
if (!transport) {
  container.textContent = 'This page must be opened from the link Comptoir printed at start-up (it carries the session token).';
} else {
  createRoot(container).render(
    <StrictMode>
      <Root client={createClient(transport)} />
    </StrictMode>,
  );
}
