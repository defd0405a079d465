// The coverage of the target qualification UC by UC: the package's gap analysis
// (`frameworks.gap`, the JSON of `attesta gap --json`) over the record's claims.
import { h } from './form.js';
import { t } from './i18n.js';

/** Renders the gap report of `record` against `target` ({scheme, code}) into #coverage. */
export function showCoverage(frameworks, record, target) {
  const container = document.getElementById('coverage');
  if (!target) {
    container.replaceChildren(h('p', { text: t('no_figure') }));
    return null;
  }
  let gap;
  try {
    // Only the claims matter to the gap; the rest of the record is checked by `validate`.
    gap = frameworks.gap({ schema_version: '1.0', id: 'coverage', person: { id: 'coverage' }, claims: record.claims }, { scheme: target.scheme, code: target.code });
  } catch (error) {
    container.replaceChildren(h('p', { class: 'problem', text: t('coverage_unavailable', { reason: error.message }) }));
    return null;
  }
  const { summary } = gap;
  container.replaceChildren(
    h('p', { id: 'coverage-title', dir: 'auto' }, h('strong', { text: `${gap.target.code} — ${gap.title}` }), gap.eqf_level ? ` (EQF ${gap.eqf_level})` : ''),
    h('p', {
      id: 'coverage-summary',
      text: t('coverage_summary', {
        units: String(summary.units),
        claimed: String(summary.claimed),
        partially: String(summary.partially_claimed),
        missing: String(summary.missing),
        validated: String(summary.validated),
      }),
    }),
    h(
      'table',
      { id: 'coverage-table' },
      h('caption', { class: 'visually-hidden', text: t('coverage') }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'UC' }), h('th', { scope: 'col', text: t('description') }), h('th', { scope: 'col', text: t('coverage_status') }))),
      h(
        'tbody',
        {},
        gap.units.map((unit) => {
          const left = unit.to_cover ? unit.to_cover.capacita.length + unit.to_cover.conoscenze.length : 0;
          return h(
            'tr',
            { dataset: { unit: unit.unit.code, status: unit.status } },
            h('th', { scope: 'row', text: unit.unit.code }),
            h('td', { dir: 'auto', text: unit.title }),
            h(
              'td',
              {},
              h('span', { class: `status ${unit.status}`, text: t(`status.${unit.status}`) }),
              unit.status === 'claimed' || unit.status === 'partially_claimed'
                ? h('span', { class: 'detail', text: ` (${t(unit.has_evidence ? 'has_evidence' : 'no_evidence')})` })
                : null,
              left > 0 ? h('span', { class: 'detail', text: ` — ${t('to_cover')}: ${left}` }) : null,
            ),
          );
        }),
      ),
    ),
  );
  return gap;
}
