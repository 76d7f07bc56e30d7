/**
 * Change between two survey rounds in labour force rates of migrants and non-migrants by sex, in percentage points
 * with confidence intervals of the change (MGS_CHG_<indicator> tables of `migstat indicators --rounds --change`:
 * last round minus first, unit GAP): LFPR and UR, with EPR and LU3 when present.
 */
import type { TidyRow } from '../indicators/tidy.js';
import { type Chart, type ChartOptions, assembleChart } from './chart.js';
import { commonNotes, lowerFirst, intervalNote, migrantItems, optionalIndicators, reference, resolveIndicators, sourceLine } from './data.js';
import { rateSummary } from './labour-rates.js';
import { RATE_GRID_WIDTH, rateBody, rateData } from './rates.js';

/** The changes drawn: indicator pattern and panel label; LFPR and UR are required, EPR and LU3 drawn when present. */
export const ROUND_CHANGE_INDICATORS: readonly (readonly [pattern: string, label: string])[] = [
  ['MGS_CHG_MST_TEAP_SEX_AGE_{MIG}_RT', 'Labour force participation rate'],
  ['MGS_CHG_MST_TUNE_SEX_AGE_{MIG}_RT', 'Unemployment rate'],
  ['MGS_CHG_MST_TEMP_SEX_AGE_{MIG}_RT', 'Employment-to-population ratio'],
  ['MGS_CHG_MGS_LU3_SEX_{MIG}_RT', 'Labour underutilization LU3'],
];

/** The rounds compared, from a change table's label (`Change from 2024Q1 to 2024Q2: ...`), else the rows' period. */
function period(rows: readonly TidyRow[], code: string): string {
  const label = String(rows.find((r) => r.indicator === code)?.label ?? '');
  const m = /^Change from (\S+) to (\S+):/.exec(label);
  return m ? `${m[1]} to ${m[2]}` : `to ${String(rows[0]?.time ?? '')}`;
}

/** Change in labour force rates of migrants and non-migrants by sex between two rounds, in percentage points. */
export function roundChangeChart(rows: readonly TidyRow[], options: ChartOptions = {}): Chart {
  const required = ROUND_CHANGE_INDICATORS.slice(0, 2);
  const { token, codes } = resolveIndicators(rows, 'round-change', required.map(([p]) => p), options);
  const optional = ROUND_CHANGE_INDICATORS.slice(2);
  const present = new Set(optionalIndicators(rows, optional.map(([p]) => p), token));
  const measures = new Map([
    ...codes.map((c, i) => [c, required[i]![1]] as const),
    ...optional.map(([p, l]) => [p.replaceAll('{MIG}', token), l] as const).filter(([c]) => present.has(c)),
  ]);
  const mig = migrantItems(token);
  const { values, suppressed } = rateData(rows, measures, mig);
  const labels = [...measures.values()];
  const when = period(rows, codes[0]!);
  const area = reference(rows).split(', ')[0];
  const title = `Change in labour force rates of migrants and non-migrants, ${area}, ${when}`;
  const alt = `Dot charts of the change from ${when} in ${labels.map(lowerFirst).join(', ')} of persons aged 15 and over in ${area}, `
    + `for ${mig.migrantLabel.toLowerCase()} and ${mig.nonMigrantLabel.toLowerCase()}, total, men and women, in percentage points with confidence intervals of the change. `
    + rateSummary(values, labels, [mig.migrantLabel, mig.nonMigrantLabel], ' pp')
    + (suppressed > 0 ? ` ${suppressed} suppressed cells are not shown.` : '');
  return assembleChart({
    drawn: values.length, id: 'round-change', title, alt, suppressed, source: sourceLine(rows, options), width: RATE_GRID_WIDTH,
    body: rateBody(values, labels, mig, { title: 'Change (percentage points)', unit: 'Percentage points', zero: true, mark: 'point' }),
    notes: [`Later round minus earlier round, persons aged 15 and over. ${intervalNote(options)}`, 'An interval that crosses 0: no significant change.', ...commonNotes(suppressed, values, 'Lighter dots')],
  });
}
