import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';

// Only the receipt reaches paper: the app (and any dialog) is hidden in print, the print area
// is hidden on screen. Inline <style> is allowed by the app's CSP (style-src 'unsafe-inline').
const PRINT_CSS = `
@media screen { .comptoir-print-area { display: none !important; } }
@media print {
  body > *:not(.comptoir-print-area) { display: none !important; }
  .comptoir-print-area { display: block; color: #000; background: #fff; }
  .comptoir-print-area .comptoir-receipt { break-inside: avoid; }
  .comptoir-print-area .comptoir-receipt + .comptoir-receipt { border-top: 1px dashed #000; margin-top: 10mm; padding-top: 10mm; }
}`;

/** Rendered straight under <body>, so the print stylesheet can keep it and drop everything else. */
export function PrintArea({ children }: { children: ReactNode }) {
  return createPortal(
    <div className="comptoir-print-area" aria-hidden="true">
      <style>{PRINT_CSS}</style>
      {children}
    </div>,
    document.body,
  );
}
