/**
 * Population pyramid by migrant status: the working-age population (15+) by five-year age group (AGE_5YRBANDS_Y15-19
 * .. YGE65), men to the left and women to the right, migrants and non-migrants side by side in each band, in thousands
 * of persons with confidence intervals (indicator MGS_XWAP_SEX_AGE5_{MIG}_NB).
 */
import { AGE_BREAKDOWNS } from '../concepts/derived-groups.js';
import type { TidyRow } from '../indicators/tidy.js';
import { type Chart, type ChartOptions, assembleChart } from './chart.js';
import { cellsOf, commonNotes, drawable, fmt, intervalNote, itemLabel, migrantItems, num, reference, reliabilityFields, resolveIndicators, sourceLine } from './data.js';
import { intervalLayers, zeroRule } from './marks.js';
import { MIGRANT_COLOURS } from './style.js';

/** The indicator the pyramid draws. */
export const PYRAMID_INDICATOR = 'MGS_XWAP_SEX_AGE5_{MIG}_NB';

const WIDTH = 560;

/** Population pyramid of the working-age population by sex, five-year age group and migrant status. */
export function pyramidChart(rows: readonly TidyRow[], options: ChartOptions = {}): Chart {
  const { token, codes } = resolveIndicators(rows, 'pyramid', [PYRAMID_INDICATOR], options);
  const indicator = codes[0]!;
  const mig = migrantItems(token);
  const bands = AGE_BREAKDOWNS['5YRBANDS'].items;
  const groups = new Map([[mig.nonMigrant, mig.nonMigrantLabel], [mig.migrant, mig.migrantLabel]]);
  const cells = cellsOf(rows, indicator, (r) => (r.sex === 'SEX_M' || r.sex === 'SEX_F') && bands.includes(String(r.classif1)) && groups.has(String(r.classif2)));
  const { drawn, suppressed } = drawable(cells);
  const values = drawn.map((r) => {
    const side = r.sex === 'SEX_M' ? -1 : 1;
    const est = num(r.estimate)! / 1000;
    return {
      sex: r.sex === 'SEX_M' ? 'Men' : 'Women', age: itemLabel(String(r.classif1)), group: groups.get(String(r.classif2))!,
      thousands: est, x: side * est, low: side * (num(r.ci_low) ?? est * 1000) / 1000, high: side * (num(r.ci_high) ?? est * 1000) / 1000,
      ...reliabilityFields(r),
    };
  });
  const ages = bands.map(itemLabel);
  const y = { field: 'age', type: 'ordinal', title: 'Age group (years)', sort: [...ages].reverse() };
  const yOffset = { field: 'group', type: 'nominal', sort: [mig.nonMigrantLabel, mig.migrantLabel] };
  const colour = { field: 'group', type: 'nominal', title: 'Migrant status', scale: { domain: [mig.nonMigrantLabel, mig.migrantLabel], range: [MIGRANT_COLOURS.nonMigrant, MIGRANT_COLOURS.migrant] } };
  const body = {
    width: WIDTH, height: { step: 11 },
    data: { values },
    layer: [
      ...intervalLayers({
        y, yOffset, color: colour, interval: true,
        x: { field: 'x', type: 'quantitative', title: 'Thousands of persons (men to the left, women to the right)', axis: { labelExpr: "format(abs(datum.value), ',')" } },
        tooltip: [
          { field: 'sex', title: 'Sex' }, { field: 'age', title: 'Age group' }, { field: 'group', title: 'Migrant status' },
          { field: 'thousands', type: 'quantitative', title: 'Thousands of persons', format: ',.1f' }, { field: 'reliability_label', title: 'Reliability' },
        ],
      }),
      zeroRule(),
    ],
  };
  const title = `Working-age population by sex, age and migrant status, ${reference(rows)}`;
  const migrants = values.filter((v) => v.group === mig.migrantLabel);
  const total = values.reduce((a, v) => a + v.thousands, 0);
  const migTotal = migrants.reduce((a, v) => a + v.thousands, 0);
  const largest = [...migrants].sort((a, b) => b.thousands - a.thousands || a.age.localeCompare(b.age))[0];
  const alt = `Population pyramid of the working-age population (15 and over) of ${reference(rows)} by five-year age group, men to the left and women to the right, `
    + `comparing ${mig.migrantLabel.toLowerCase()} with ${mig.nonMigrantLabel.toLowerCase()}, in thousands of persons. `
    + `The bands shown add up to ${fmt(total)} thousand persons, of whom ${fmt(migTotal)} thousand (${fmt(total > 0 ? (100 * migTotal) / total : 0)}%) are migrants`
    + (largest ? `; the largest migrant group is ${largest.sex.toLowerCase()} aged ${largest.age} (${fmt(largest.thousands)} thousand).` : '.')
    + (suppressed > 0 ? ` ${suppressed} suppressed cells are not shown.` : '');
  return assembleChart({
    drawn: values.length, id: 'pyramid', title, alt, suppressed, source: sourceLine(rows, options), width: WIDTH, body,
    notes: [`Persons aged 15 and over, thousands. ${intervalNote(options)}`, ...commonNotes(suppressed, values, 'Lighter bars')],
  });
}
