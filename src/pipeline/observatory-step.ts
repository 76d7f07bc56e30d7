/**
 * The `observatory` step: the submissions and benchmarks of inputs.observatory ingested into a fresh observatory
 * database (src/global: conflicts kept and reported), validated, the regional and global estimates of a year computed
 * (cross-product ratio, imputation, aggregation, bootstrap intervals), and written under `observatory/`: the
 * validation report, estimates.csv and the static dashboard; the regional estimates join the report. The database
 * itself is a temporary file (its bytes are not reproducible; the CSV exports are).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { withObservatory } from '../global/observatory-db.js';
import { observatoryEstimates } from '../global/observatory-estimate.js';
import { comparabilityCsv, conflictsCsv, estimatesCsv, problemsCsv } from '../global/observatory-export.js';
import { INPUT_KINDS, type InputKind, ingestFiles } from '../global/observatory-ingest.js';
import { validateSeries } from '../global/observatory-validate.js';
import { dashboardModel } from '../report/dashboard-data.js';
import { writeDashboard } from '../report/dashboard-site.js';
import type { PlainReportTable, ReportSection } from '../report/report-model.js';
import { type AnyStep, step } from './steps.js';

interface ObservatoryStepResult {
  readonly section: ReportSection;
  readonly notes: readonly string[];
}

const observatory = step({
  name: 'observatory',
  summary: 'regional observatory: country submissions and benchmarks ingested and validated, regional and global estimates, static dashboard',
  options: z.strictObject({
    year: z.number().int(),
    kind: z.enum(INPUT_KINDS as readonly [InputKind, ...InputKind[]]).optional(),
    replicates: z.number().int().min(0).default(200),
    seed: z.number().int().min(0).default(1),
    on_conflict: z.enum(['error', 'first', 'latest']).default('error'),
    interpolation: z.enum(['linear', 'log-linear', 'none']).default('linear'),
    title: z.string().min(1).default('Labour migration observatory'),
  }),
  needs: () => [],
  check: (p, _inputs, _o, where) => (p.observatory ? [] : [`${where}: observatory: the step needs inputs.observatory (files: submissions and benchmark tables)`]),
  units: () => 4,
  async run(ctx, o) {
    const files = ctx.pipeline.observatory!.files;
    const dir = await mkdtemp(join(tmpdir(), 'migstat-observatory-'));
    try {
      return await withObservatory(join(dir, 'observatory.duckdb'), async (db) => {
        const ingested = await ingestFiles(db, files, o.kind);
        for (const s of ingested) for (const c of s.conflicts) ctx.warn('observatory', `conflict: ${c.key.replace(/\|/g, ' ')}: ${c.a.value} (${c.a.file}) and ${c.b.value} (${c.b.file}); both kept`);
        ctx.progress.tick('ingested');
        const series = await db.series();
        const conflicts = await db.conflicts();
        const validation = validateSeries(series, conflicts);
        for (const p of validation.problems.filter((x) => x.severity === 'error')) ctx.warn('observatory', `${p.ref_area} ${p.year}: ${p.file}: ${p.message}`);
        ctx.stage.claim('observatory', 'observatory');
        await ctx.stage.write('observatory/validation/problems.csv', problemsCsv(validation.problems));
        await ctx.stage.write('observatory/validation/comparability.csv', comparabilityCsv(validation.comparability));
        await ctx.stage.write('observatory/validation/conflicts.csv', conflictsCsv(conflicts));
        ctx.progress.tick('validated');
        const { rows, leftOut } = observatoryEstimates(series, { year: o.year, replicates: o.replicates, seed: o.seed, onConflict: o.on_conflict, interpolation: o.interpolation });
        for (const l of leftOut) ctx.warn('observatory', `${l.iso3} left out of the estimates: ${l.reason}`);
        await db.saveEstimates([o.year], rows);
        await ctx.stage.write('observatory/estimates.csv', estimatesCsv(await db.estimates()));
        ctx.progress.tick('estimated');
        await writeDashboard(dashboardModel(series, await db.estimates(), { title: o.title }), join(ctx.stage.dir, 'observatory', 'dashboard'));
        ctx.progress.tick('dashboard');
        const shown = rows.filter((r) => (r.level === 'world' || r.level === 'region') && r.sex === 'T' && r.age === 'TOTAL' && (r.measure === 'migrantWorkers' || r.measure === 'shareOfLabourForce'));
        const fmt = (x: number | null, share: boolean): number | null => (x === null ? null : share ? Math.round(x * 1000) / 10 : Math.round(x));
        const table: PlainReportTable = {
          title: `Migrant workers ${o.year}: world and regions (observatory estimates; bootstrap intervals)`,
          columns: ['Level', 'Area', 'Measure', 'Value', 'Lower', 'Upper', 'Imputed'],
          rows: shown.map((r) => {
            const share = r.measure === 'shareOfLabourForce';
            return [r.level, r.area, share ? 'share of the labour force (%)' : 'migrant workers (persons)', fmt(r.value, share), fmt(r.low, share), fmt(r.high, share), r.imputed ? 'yes' : 'no'];
          }),
        };
        const countries = new Set(rows.filter((r) => r.level === 'country').map((r) => r.area));
        const note = `${ingested.length} files ingested, ${series.length} series, ${conflicts.length} conflicts; ${countries.size} countries estimated (${leftOut.length} left out); ${validation.problems.length} validation problems (observatory/validation). The dashboard is in observatory/dashboard/index.html.`;
        return { section: { id: 'observatory', heading: `Regional observatory ${o.year}`, time: String(o.year), tables: [], note, plainTables: [table] }, notes: [`Observatory: ${note}`] } satisfies ObservatoryStepResult;
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
  report: (result) => {
    const r = result as ObservatoryStepResult;
    return { sections: [r.section], notes: r.notes };
  },
});

export const OBSERVATORY_STEPS: readonly AnyStep[] = [observatory];
