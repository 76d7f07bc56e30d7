/**
 * Labour force rates of migrants and non-migrants by sex, persons aged 15 and over, with confidence intervals: the
 * labour force participation rate (MST_TEAP_SEX_AGE_{MIG}_RT), employment-to-population ratio (MST_TEMP_..._RT),
 * unemployment rate (MST_TUNE_..._RT) and, when present, the LU3 rate of unemployment and the potential labour force
 * (MGS_LU3_SEX_{MIG}_RT; 19th ICLS resolution I, para 67).
 */
import type { TidyRow } from '../indicators/tidy.js';
import { type Chart, type ChartOptions, assembleChart } from './chart.js';
import { commonNotes, lowerFirst, fmt, intervalNote, migrantItems, optionalIndicators, reference, resolveIndicators, sourceLine } from './data.js';
import { RATE_GRID_WIDTH, type RateDatum, rateBody, rateData } from './rates.js';

/** The rates drawn: indicator pattern and panel label; the first three are required, LU3 is drawn when present. */
export const LABOUR_RATE_INDICATORS: readonly (readonly [pattern: string, label: string])[] = [
  ['MST_TEAP_SEX_AGE_{MIG}_RT', 'Labour force participation rate'],
  ['MST_TEMP_SEX_AGE_{MIG}_RT', 'Employment-to-population ratio'],
  ['MST_TUNE_SEX_AGE_{MIG}_RT', 'Unemployment rate'],
  ['MGS_LU3_SEX_{MIG}_RT', 'Labour underutilization LU3'],
];

/** A sentence per measure with the rates of migrants and non-migrants, both sexes (for alt text). */
export function rateSummary(values: readonly RateDatum[], measures: readonly string[], groups: readonly [string, string], unit: string): string {
  return measures.map((m) => {
    const of = (g: string): string => {
      const v = values.find((d) => d.measure === m && d.sex === 'Total' && d.group === g);
      return v ? `${g.toLowerCase()} ${v.value >= 0 && unit !== '%' ? '+' : ''}${fmt(v.value)}${unit}` : `${g.toLowerCase()} not shown`;
    };
    return `${m}: ${of(groups[0])}, ${of(groups[1])}.`;
  }).join(' ');
}

/** Labour force rates (LFPR, EPR, UR, LU3) of migrants and non-migrants by sex, with confidence intervals. */
export function labourRatesChart(rows: readonly TidyRow[], options: ChartOptions = {}): Chart {
  const required = LABOUR_RATE_INDICATORS.slice(0, 3);
  const { token, codes } = resolveIndicators(rows, 'labour-rates', required.map(([p]) => p), options);
  const lu3 = optionalIndicators(rows, [LABOUR_RATE_INDICATORS[3]![0]], token);
  const measures = new Map([...codes.map((c, i) => [c, required[i]![1]] as const), ...lu3.map((c) => [c, LABOUR_RATE_INDICATORS[3]![1]] as const)]);
  const mig = migrantItems(token);
  const { values, suppressed } = rateData(rows, measures, mig);
  const labels = [...measures.values()];
  const title = `Labour force rates of migrants and non-migrants by sex, ${reference(rows)}`;
  const alt = `Bar charts of ${labels.map(lowerFirst).join(', ')} of persons aged 15 and over in ${reference(rows)}, `
    + `for ${mig.migrantLabel.toLowerCase()} and ${mig.nonMigrantLabel.toLowerCase()}, total, men and women, in per cent with confidence intervals. `
    + rateSummary(values, labels, [mig.migrantLabel, mig.nonMigrantLabel], '%')
    + (suppressed > 0 ? ` ${suppressed} suppressed cells are not shown.` : '');
  return assembleChart({
    drawn: values.length, id: 'labour-rates', title, alt, suppressed, source: sourceLine(rows, options), width: RATE_GRID_WIDTH,
    body: rateBody(values, labels, mig, { title: 'Per cent (%)', unit: '%', zero: false, mark: 'bar' }),
    notes: [`Persons aged 15 and over; rates in per cent. ${intervalNote(options)}`, ...commonNotes(suppressed, values, 'Lighter bars')],
  });
}
