/**
 * Respondent-driven sampling diagnostics (src/sampling/rds-diagnostics.ts; R RDS `convergence.plot` and
 * `bottleneck.plot`): the estimate as the waves accumulate, and the estimate within each seed's recruitment tree,
 * each against the final estimate. A categorical outcome is drawn in percent, one line (or colour) per level.
 */
import type { ConvergenceRow, BottleneckRow } from '../sampling/rds-diagnostics.js';
import type { RdsResultRow } from '../sampling/rds-analysis.js';
import type { RdsEstimator } from '../sampling/rds-estimators.js';
import { type Chart, ChartError, type ChartOptions, assembleChart } from './chart.js';
import { OKABE_ITO } from './style.js';

/** Options of the RDS charts: the common ones and what the sample is (`Domestic workers, Atlantis 2024`). */
export interface RdsChartOptions extends ChartOptions {
  readonly population?: string;
}

const WIDTH = 520;
/** Okabe-Ito colours for up to seven levels (black left for rules). */
const LEVEL_COLOURS = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.orange, OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.yellow];

/** Percent for the levels of a categorical outcome, the outcome's own unit for a mean. */
function scale(rows: readonly { level: string | null }[]): { factor: number; unit: string } {
  return rows.some((r) => r.level !== null) ? { factor: 100, unit: 'Per cent (%)' } : { factor: 1, unit: 'Mean' };
}

const levelName = (outcome: string, level: string | null): string => (level === null ? `mean ${outcome}` : `${outcome} = ${level}`);

/** Names of the RDS estimators, as the literature writes them. */
export const RDS_ESTIMATOR_NAMES: Readonly<Record<RdsEstimator, string>> = {
  naive: 'naive (unweighted)', rds1: 'RDS-I', 'rds1-ds': 'RDS-I (data-smoothed)', rds2: 'RDS-II', ss: 'successive-sampling',
};

/** The colour scale of the levels, in the order of the final results. */
function colour(levels: readonly string[]): Record<string, unknown> {
  if (levels.length > LEVEL_COLOURS.length) throw new ChartError(`RDS charts draw at most ${LEVEL_COLOURS.length} levels of an outcome (got ${levels.length})`);
  return { field: 'level', type: 'nominal', title: 'Outcome', sort: levels, scale: { domain: levels, range: LEVEL_COLOURS.slice(0, levels.length) } };
}

/** The estimate from waves 0..k for every wave k, each level against its final estimate (dashed). */
export function rdsConvergenceChart(rows: readonly ConvergenceRow[], final: readonly RdsResultRow[], options: RdsChartOptions = {}): Chart {
  if (rows.length === 0) throw new ChartError('chart rds-convergence needs the convergence table of an RDS analysis: none given');
  const { factor, unit } = scale(rows);
  const outcome = rows[0]!.outcome;
  const levels = final.map((f) => levelName(f.outcome, f.level));
  const values = rows.map((r) => ({ level: levelName(r.outcome, r.level), wave: r.wave, n: r.n, estimate: r.estimate * factor }));
  const finals = final.map((f) => ({ level: levelName(f.outcome, f.level), estimate: f.estimate * factor }));
  const estimator = final[0] ? RDS_ESTIMATOR_NAMES[final[0].estimator] : 'RDS';
  const waves = Math.max(...rows.map((r) => r.wave));
  const title = `Convergence of the ${estimator} estimate of ${outcome} by wave${options.population ? `, ${options.population}` : ''}`;
  const alt = `Line chart of the ${estimator} estimate of ${outcome} from the respondents of waves 0 to k, for k from 0 to ${waves}, `
    + `with the final estimate of each level as a dashed line: ${finals.map((f) => `${f.level} ${f.estimate.toFixed(1)}`).join(', ')}. `
    + 'Lines that settle before the last wave suggest the estimate no longer depends on the seeds.';
  return assembleChart({
    id: 'rds-convergence', title, alt, suppressed: 0, drawn: values.length, source: options.source ?? 'Source: migstat estimates', width: WIDTH,
    notes: ['Estimate from the respondents of waves 0 to k (cumulative); dashed: the final estimate.'],
    body: {
      width: WIDTH, height: 260,
      layer: [
        {
          data: { values }, mark: { type: 'line', point: true, strokeWidth: 2 },
          encoding: {
            x: { field: 'wave', type: 'quantitative', title: 'Wave (0 = seeds)', axis: { tickMinStep: 1, format: 'd' } },
            y: { field: 'estimate', type: 'quantitative', title: unit },
            color: colour(levels),
            tooltip: [{ field: 'level' }, { field: 'wave' }, { field: 'n', title: 'respondents' }, { field: 'estimate', format: '.1f' }],
          },
        },
        { data: { values: finals }, mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { y: { field: 'estimate', type: 'quantitative' }, color: colour(levels) } },
      ],
    },
  });
}

/** The estimate within each seed's recruitment tree, point size by respondents, against the final estimate. */
export function rdsBottleneckChart(rows: readonly BottleneckRow[], final: readonly RdsResultRow[], options: RdsChartOptions = {}): Chart {
  if (rows.length === 0) throw new ChartError('chart rds-bottlenecks needs the bottleneck table of an RDS analysis: none given');
  const { factor, unit } = scale(rows);
  const outcome = rows[0]!.outcome;
  const levels = final.map((f) => levelName(f.outcome, f.level));
  const values = rows.map((r) => ({ level: levelName(r.outcome, r.level), tree: `seed ${r.seed}`, n: r.n, waves: r.max_wave, estimate: r.estimate * factor }));
  const finals = final.map((f) => ({ level: levelName(f.outcome, f.level), estimate: f.estimate * factor }));
  const trees = [...new Set(values.map((v) => v.tree))];
  const estimator = final[0] ? RDS_ESTIMATOR_NAMES[final[0].estimator] : 'RDS';
  const title = `${estimator} estimate of ${outcome} within each seed's recruitment tree${options.population ? `, ${options.population}` : ''}`;
  const alt = `Dot chart of the ${estimator} estimate of ${outcome} computed on each of ${trees.length} recruitment trees, dot size by the tree's respondents, `
    + `with the final estimate of each level as a dashed line (${finals.map((f) => `${f.level} ${f.estimate.toFixed(1)}`).join(', ')}). `
    + 'Trees far from the others point to bottlenecks: recruitment that stayed within a subgroup.';
  return assembleChart({
    id: 'rds-bottlenecks', title, alt, suppressed: 0, drawn: values.length, source: options.source ?? 'Source: migstat estimates', width: WIDTH,
    notes: ['Each row is the recruitment tree of one seed; dot size: respondents in the tree; dashed: the final estimate.'],
    body: {
      width: WIDTH, height: { step: 18 },
      layer: [
        {
          data: { values }, mark: { type: 'point', filled: true, opacity: 0.85 },
          encoding: {
            y: { field: 'tree', type: 'nominal', title: 'Recruitment tree', sort: trees },
            x: { field: 'estimate', type: 'quantitative', title: unit },
            color: colour(levels),
            size: { field: 'n', type: 'quantitative', title: 'Respondents', scale: { range: [20, 400] } },
            tooltip: [{ field: 'tree' }, { field: 'level' }, { field: 'n', title: 'respondents' }, { field: 'waves' }, { field: 'estimate', format: '.1f' }],
          },
        },
        { data: { values: finals }, mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { x: { field: 'estimate', type: 'quantitative' }, color: colour(levels) } },
      ],
    },
  });
}
