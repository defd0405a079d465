// "Print": the Documento di trasparenza of the form, as the core renders it. The page is made
// the way the procedure makes it: the open case (or, without one, a case opened in memory only)
// is copied, the form's identificazione steps are recorded in the copy, identificazione is
// closed and the document the case issues is rendered with the package's renderHtml — the
// same HTML as `attesta case issue`. A case already closed prints its own document.
import { accoglienzaActions, identificazioneActions, nowAfter, openCaseAction } from './actions.js';
import { h } from './form.js';
import { findingMessage, language, t } from './i18n.js';

/** A refusal or error in words, with the findings of a document the law would not accept. */
export function reasonOf(error) {
  const findings = error?.details?.refusal?.reason?.findings ?? error?.details?.report?.findings ?? [];
  return [error?.message ?? String(error), ...findings.map((f) => `${findingMessage(f)} (${f.path})`)];
}

/** Applies `action` as `actor` at a time not before the case's last event. */
export function act(kase, action, actor) {
  return kase.act(action, { actor, at: nowAfter(kase.state.last_at) });
}

/** The Documento di trasparenza of the form: `{ document, preview }`. */
function transparencyDocument({ cases, app }) {
  const frameworks = app.caseFrameworks;
  const operator = app.state.ente.operator.trim();
  let kase;
  if (app.case) {
    const issued = app.case.documents().find((d) => d.document_type === 'documento_trasparenza');
    if (issued) return { document: issued, preview: false };
    kase = cases.Case.fromEvents(app.case.toJsonl(), { frameworks });
  } else {
    const caseId = app.record.id || 'anteprima';
    kase = cases.Case.open(openCaseAction(app.state, app.record, caseId), {
      actor: operator,
      at: nowAfter(null),
      frameworks,
    });
    for (const [action, actor] of accoglienzaActions(app.state, app.record)) act(kase, action, actor);
  }
  for (const action of identificazioneActions(kase.state.record, app.record)) act(kase, action, operator);
  if (kase.state.phase === 'identificazione') {
    act(kase, { kind: 'close_identificazione', payload: { proceed_to_valutazione: false } }, operator);
  }
  const document = kase.documents().find((d) => d.document_type === 'documento_trasparenza');
  if (!document) throw new Error(`no Documento di trasparenza in phase ${kase.state.phase}`);
  return { document, preview: true };
}

/** Wires the print button and the document view; `cases` is the package's case module. */
export function setupDocuments({ cases, app }) {
  const status = document.getElementById('print-status');
  const view = document.getElementById('document-view');
  const frame = document.getElementById('document-frame');
  document.getElementById('print').addEventListener('click', () => {
    status.replaceChildren();
    try {
      const { document: made, preview } = transparencyDocument({ cases, app });
      // Italian is the legal text; an English interface adds English labels beside it.
      const html = cases.renderHtml(made, language() === 'en' ? { secondLanguage: 'en' } : {});
      frame.srcdoc = html;
      view.hidden = false;
      status.dataset.state = 'ready';
      status.append(t('print_ready'), preview ? ` ${t('print_preview')}` : '');
      view.scrollIntoView();
      document.getElementById('document-print').focus();
    } catch (error) {
      view.hidden = true;
      status.dataset.state = 'failed';
      const [first, ...findings] = reasonOf(error);
      status.append(t('print_failed', { reason: first }), findings.length ? h('ul', {}, findings.map((f) => h('li', { text: f }))) : '');
    }
  });
  document.getElementById('document-print').addEventListener('click', () => frame.contentWindow?.print());
  document.getElementById('document-close').addEventListener('click', () => {
    view.hidden = true;
    document.getElementById('print').focus();
  });
}
