// Shows a report's findings: each next to the form element its JSON pointer path addresses
// (through the map `buildRecord` made), linked to the control with aria-describedby and
// aria-invalid; those that address no field (the record as a whole) in the summary list.
import { fieldFor } from './record.js';
import { h } from './form.js';
import { findingMessage, t } from './i18n.js';

const CONTROLS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** Removes every finding shown in the form. */
function clear() {
  for (const list of document.querySelectorAll('ul.findings')) list.remove();
  for (const control of document.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
  }
  for (const control of document.querySelectorAll('[data-described]')) {
    control.removeAttribute('aria-describedby');
    delete control.dataset.described;
  }
}

const findingItem = (finding) =>
  h(
    'li',
    { class: `finding ${finding.severity}`, dataset: { code: finding.code, path: finding.path } },
    h('span', { class: 'severity', text: `${t(`severity.${finding.severity}`)}: ` }),
    findingMessage(finding),
    h('code', { class: 'code', text: ` ${finding.code}` }),
  );

/** Puts the findings of one element right after it (after the legend for a fieldset). */
function attach(element, findings) {
  const list = h('ul', { class: 'findings', id: `${element.id}-findings` }, findings.map(findingItem));
  if (CONTROLS.has(element.tagName)) {
    element.after(list);
    element.setAttribute('aria-describedby', list.id);
    element.dataset.described = 'yes';
    if (findings.some((f) => f.severity === 'error')) element.setAttribute('aria-invalid', 'true');
  } else if (element.tagName === 'FIELDSET') {
    element.querySelector('legend').after(list);
  } else if (element.classList.contains('claim')) {
    element.querySelector('.claim-title').after(list);
  } else {
    element.after(list);
  }
}

/**
 * Shows `report` (or clears everything when null). `fields` maps pointers to element ids.
 * Returns the counts shown in the status line.
 */
export function showFindings(report, fields) {
  clear();
  const summary = document.getElementById('summary');
  summary.replaceChildren();
  if (!report) return;
  const byElement = new Map();
  const unmapped = [];
  for (const finding of report.findings) {
    const id = fieldFor(fields, finding.path);
    const element = id ? document.getElementById(id) : null;
    if (element) {
      if (!byElement.has(element)) byElement.set(element, []);
      byElement.get(element).push(finding);
    } else {
      unmapped.push(finding);
    }
  }
  for (const [element, findings] of byElement) attach(element, findings);
  if (unmapped.length > 0) {
    summary.append(
      h('li', { class: 'summary-title', text: t('unmapped') }),
      ...unmapped.map((finding) => {
        const item = findingItem(finding);
        item.append(h('code', { class: 'path', text: ` ${finding.path || '/'}` }));
        return item;
      }),
    );
  }
}

/** The status line: valid, valid with warnings, or invalid with the number of problems. */
export function showValidity(report, problem) {
  const status = document.getElementById('validity');
  if (problem) {
    status.dataset.valid = 'unknown';
    status.textContent = t('cannot_check', { reason: problem });
    return;
  }
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  status.dataset.valid = String(report.valid);
  if (!report.valid) status.textContent = t('invalid', { count: String(errors || report.findings.length) });
  else if (warnings > 0) status.textContent = t('valid_warnings', { count: String(warnings) });
  else status.textContent = t('valid');
}
