// A case on a mobile unit, offline: the form opens a case (or continues one exported by the job
// centre's system), records the identificazione steps in it, closes identificazione, keeps the
// log in localStorage across reloads and exports the events made here as a JSON Lines file
// that the centre appends with `attesta case append CASE EVENTS` (which checks the chain
// continues from its head and reports a fork otherwise).
import { accoglienzaActions, identificazioneActions, keptInCase, nowAfter, openCaseAction } from './actions.js';
import { field, h } from './form.js';
import { t } from './i18n.js';
import { act, reasonOf } from './print.js';

const STORAGE = 'attesta.case.v1';

/**
 * Wires the case panel; `cases` is the package's case module (`attesta/cases`). `app.case` is
 * the open case (or null) and `app.caseBase` the head it was continued from (null when it was
 * opened here: then every event is new). `onLoaded(kase)` refills the form from a continued
 * case's record.
 */
export function setupCase({ cases, app, download, onLoaded }) {
  const panel = document.getElementById('case-panel');
  let message = [];

  const save = () => {
    try {
      if (app.case) localStorage.setItem(STORAGE, JSON.stringify({ jsonl: app.case.toJsonl(), base: app.caseBase }));
      else localStorage.removeItem(STORAGE);
    } catch {
      message = [t('case_failed', { reason: 'localStorage' })];
    }
  };

  const newEvents = () => (app.caseBase ? app.case.eventsSince(app.caseBase).length : app.case.events().length);

  const render = () => {
    const children = [h('h3', { id: 'h-case', text: t('case') })];
    if (!app.case) {
      children.push(
        h('p', { text: t('case_none') }),
        field({ id: 'f-case-id', label: t('case_id'), bind: undefined, value: '' }),
        h('div', { class: 'buttons' }, h('button', { type: 'button', id: 'case-open', text: t('case_open') })),
        h('div', { class: 'field' }, h('label', { for: 'case-file', text: t('case_continue') }), h('input', { id: 'case-file', type: 'file', accept: '.jsonl,application/jsonl,text/plain' })),
      );
    } else {
      const { state } = app.case;
      children.push(
        h('p', {
          id: 'case-summary',
          dataset: { phase: state.phase },
          text: t('case_summary', { case_id: state.case_id, phase: state.phase, events: String(app.case.events().length), new: String(newEvents()) }),
        }),
        h(
          'div',
          { class: 'buttons' },
          h('button', { type: 'button', id: 'case-record', text: t('case_record') }),
          h('button', { type: 'button', id: 'case-close', text: t('case_close') }),
          h('button', { type: 'button', id: 'case-export', text: t('case_export') }),
          h('button', { type: 'button', id: 'case-forget', class: 'remove', text: t('case_forget') }),
        ),
      );
    }
    children.push(h('div', { id: 'case-message', role: 'status', 'aria-live': 'polite' }, message.map((m) => h('p', { text: m }))));
    panel.replaceChildren(...children);
  };

  /** Records the form's steps; returns how many actions were applied. */
  const record = () => {
    const operator = app.state.ente.operator.trim();
    const actions = identificazioneActions(app.case.state.record, app.record);
    for (const action of actions) act(app.case, action, operator);
    return actions.length;
  };

  const guarded = (work) => {
    try {
      message = work();
    } catch (error) {
      message = reasonOf(error).map((line, i) => (i === 0 ? t('case_refused', { reason: line }) : line));
    }
    save();
    render();
  };

  panel.addEventListener('click', (event) => {
    const id = event.target.id;
    if (id === 'case-open') {
      guarded(() => {
        const caseId = document.getElementById('f-case-id').value.trim();
        const operator = app.state.ente.operator.trim();
        app.case = cases.Case.open(openCaseAction(app.state, app.record, caseId), {
          actor: operator,
          at: nowAfter(null),
          frameworks: app.caseFrameworks,
        });
        app.caseBase = null;
        for (const [action, actor] of accoglienzaActions(app.state, app.record)) act(app.case, action, actor);
        if (app.case.state.phase === 'identificazione') record();
        return [t('case_recorded', { count: String(app.case.events().length) })];
      });
    } else if (id === 'case-record') {
      guarded(() => {
        const count = record();
        const kept = keptInCase(app.case.state.record, app.record);
        return [
          count > 0 ? t('case_recorded', { count: String(count) }) : t('case_nothing'),
          ...(kept.length > 0 ? [t('case_kept', { ids: kept.join(', ') })] : []),
        ];
      });
    } else if (id === 'case-close') {
      guarded(() => {
        record();
        act(app.case, { kind: 'close_identificazione', payload: { proceed_to_valutazione: false } }, app.state.ente.operator.trim());
        return [t('case_recorded', { count: '1' })];
      });
    } else if (id === 'case-export') {
      const { case_id: caseId } = app.case.state;
      const text = app.caseBase ? app.case.toJsonl(app.caseBase) : app.case.toJsonl();
      download(app.caseBase ? `${caseId}.new-events.jsonl` : `${caseId}.jsonl`, 'application/jsonl', text);
    } else if (id === 'case-forget') {
      if (window.confirm(t('case_forget_confirm'))) {
        app.case = null;
        app.caseBase = null;
        message = [];
        save();
        render();
      }
    }
  });

  panel.addEventListener('change', async (event) => {
    if (event.target.id !== 'case-file') return;
    const [file] = event.target.files;
    if (!file) return;
    const text = await file.text();
    guarded(() => {
      app.case = cases.Case.fromEvents(text, { frameworks: app.caseFrameworks });
      app.caseBase = app.case.head;
      onLoaded(app.case);
      return [t('case_continued', { seq: String(app.caseBase.seq) })];
    });
  });

  // A case kept on this device from an earlier visit.
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE) ?? 'null');
    if (saved?.jsonl) {
      app.case = cases.Case.fromEvents(saved.jsonl, { frameworks: app.caseFrameworks });
      app.caseBase = saved.base ?? null;
    }
  } catch (error) {
    message = [t('case_failed', { reason: error.message })];
  }
  render();
  return { render };
}
