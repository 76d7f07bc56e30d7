/**
 * Employment composition of migrants and non-migrants: the share of each occupation (ISCO-08 major groups,
 * MST_TEMP_SEX_OCU_{MIG}_NB), economic activity (ISIC Rev.4 sections, MST_TEMP_SEX_ECO_{MIG}_NB) or status in
 * employment (ICSE-93, MST_TEMP_SEX_STE_{MIG}_NB) in the employment of each group, both sexes: the cell over the
 * group's total (classif1 `_TOTAL`), in per cent.
 */
import type { TidyRow } from '../indicators/tidy.js';
import { type Chart, type ChartOptions, assembleChart } from './chart.js';
import { cellsOf, commonNotes, drawable, fmt, itemLabel, migrantItems, num, reference, reliabilityFields, resolveIndicators, sourceLine, statusOf } from './data.js';
import { intervalLayers } from './marks.js';
import { MIGRANT_COLOURS } from './style.js';

/** The breakdowns of employment composition charts. */
export type CompositionBy = 'occupation' | 'industry' | 'status';
export const COMPOSITION_BREAKDOWNS: readonly CompositionBy[] = ['occupation', 'industry', 'status'];

/** Per breakdown: the indicator, the total item, and the words of the title. */
export const COMPOSITION_INDICATORS: Readonly<Record<CompositionBy, { readonly pattern: string; readonly total: string; readonly words: string }>> = {
  occupation: { pattern: 'MST_TEMP_SEX_OCU_{MIG}_NB', total: 'OCU_ISCO08_TOTAL', words: 'occupation (ISCO-08 major group)' },
  industry: { pattern: 'MST_TEMP_SEX_ECO_{MIG}_NB', total: 'ECO_ISIC4_TOTAL', words: 'economic activity (ISIC Rev.4 section)' },
  status: { pattern: 'MST_TEMP_SEX_STE_{MIG}_NB', total: 'STE_ICSE93_TOTAL', words: 'status in employment (ICSE-93)' },
};

const WIDTH = 420;

/** Employment of migrants and non-migrants by occupation, industry or status in employment, as shares of each group's employment. */
export function employmentCompositionChart(rows: readonly TidyRow[], by: CompositionBy, options: ChartOptions = {}): Chart {
  const def = COMPOSITION_INDICATORS[by];
  const id = `employment-${by}`;
  const { token, codes } = resolveIndicators(rows, id, [def.pattern], options);
  const mig = migrantItems(token);
  const groupLabel = (r: TidyRow): string => (statusOf(r, mig) === 'migrant' ? mig.migrantLabel : mig.nonMigrantLabel);
  const cells = cellsOf(rows, codes[0]!, (r) => r.sex === 'SEX_T' && statusOf(r, mig) !== undefined);
  const totals = new Map(cells.filter((r) => r.classif1 === def.total && r.suppressed === null).map((r) => [groupLabel(r), num(r.estimate)]));
  const items = cells.filter((r) => r.classif1 !== def.total);
  const { drawn, suppressed } = drawable(items);
  const shareable = drawn.filter((r) => (totals.get(groupLabel(r)) ?? 0) > 0);
  const values = shareable.map((r) => ({
    category: itemLabel(String(r.classif1)), group: groupLabel(r), thousands: num(r.estimate)! / 1000,
    share: (100 * num(r.estimate)!) / totals.get(groupLabel(r))!, ...reliabilityFields(r),
  }));
  const left = suppressed + drawn.length - shareable.length;
  const categories = [...new Set(items.map((r) => itemLabel(String(r.classif1))))];
  const body = {
    width: WIDTH, height: { step: by === 'industry' ? 8 : 11 },
    data: { values },
    layer: intervalLayers({
      y: { field: 'category', type: 'ordinal', title: null, sort: categories, axis: { labelLimit: by === 'industry' ? 520 : 420 } },
      yOffset: { field: 'group', type: 'nominal', sort: [mig.nonMigrantLabel, mig.migrantLabel] },
      x: { field: 'share', type: 'quantitative', title: 'Share of the group\u2019s employment (%)' },
      color: { field: 'group', type: 'nominal', title: 'Migrant status', scale: { domain: [mig.nonMigrantLabel, mig.migrantLabel], range: [MIGRANT_COLOURS.nonMigrant, MIGRANT_COLOURS.migrant] } },
      interval: false,
      tooltip: [
        { field: 'category', title: by === 'status' ? 'Status in employment' : by === 'industry' ? 'Economic activity' : 'Occupation' }, { field: 'group', title: 'Migrant status' },
        { field: 'share', type: 'quantitative', title: 'Share (%)', format: '.1f' }, { field: 'thousands', type: 'quantitative', title: 'Thousands employed', format: ',.1f' },
        { field: 'reliability_label', title: 'Reliability' },
      ],
    }),
  };
  const title = `Employment of migrants and non-migrants by ${def.words.replace(/ \(.*\)$/, '')}, ${reference(rows)}`;
  const top = (label: string): string => {
    const v = values.filter((d) => d.group === label).sort((a, b) => b.share - a.share || a.category.localeCompare(b.category))[0];
    return v ? `${v.category} (${fmt(v.share)}%)` : 'not shown';
  };
  const alt = `Bar chart of the employment of ${mig.migrantLabel.toLowerCase()} and ${mig.nonMigrantLabel.toLowerCase()} in ${reference(rows)} by ${def.words}, `
    + `as per cent of each group's employment. Largest for migrants: ${top(mig.migrantLabel)}; for non-migrants: ${top(mig.nonMigrantLabel)}.`
    + (left > 0 ? ` ${left} suppressed cells are not shown.` : '');
  return assembleChart({
    drawn: values.length, id, title, alt, suppressed: left, source: sourceLine(rows, options), width: WIDTH, body,
    notes: ['Employed persons aged 15 and over, both sexes; each bar: per cent of the employment of its group.', ...commonNotes(left, values, 'Lighter bars')],
  });
}
