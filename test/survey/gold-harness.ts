/** Runs the R calls of the R survey 4.5 gold file (test/fixtures/survey-gold) through migstat's estimation core. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCsv } from '../../src/io/csv.js';
import { type Column, Table, encode } from '../../src/io/table.js';
import { type DesignSpec, type LonelyPsu, svyDesign } from '../../src/survey/design.js';
import { type Condition, parseCondition } from '../../src/survey/domains.js';
import { type EstimateOptions, type EstimateResult, type StatRequest, estimate } from '../../src/survey/estimate.js';
import type { ProportionCiMethod } from '../../src/survey/proportion-interval.js';
import type { QuantileIntervalType, QuantileRule } from '../../src/survey/quantile.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export interface GoldCase {
  readonly id: string;
  readonly r_call?: string;
  readonly options?: Record<string, string | boolean> | null;
  readonly error?: string;
  readonly estimate?: Record<string, number | number[]> | number;
  readonly se?: Record<string, number | number[]> | number;
  readonly deff?: Record<string, number>;
  readonly ci?: [number, number];
  readonly ci_lower?: Record<string, number | number[]>;
  readonly ci_upper?: Record<string, number | number[]>;
  readonly value?: number | number[];
}

export const gold: { cases: GoldCase[] } = JSON.parse(readFileSync(`${root}test/fixtures/survey-gold/survey_gold.json`, 'utf8'));

const tables = new Map<string, Table>();

/** An API file with the derived indicator columns the gold calls use (`I(api00>875)`), and a constant fpc for scd. */
export function table(name: string): Table {
  let t = tables.get(name);
  if (t) return t;
  const base = readCsv(`${root}datasets/api/${name}.csv`);
  const columns = new Map<string, Column>(base.columns);
  const names = [...base.names];
  const add = (col: string, c: Column): void => {
    names.push(col);
    columns.set(col, c);
  };
  if (columns.has('api00')) {
    const api00 = (base.column('api00') as { values: Float64Array }).values;
    for (const cut of [875, 850]) add(`I(api00>${cut})`, encode(Array.from(api00, (x) => (x > cut ? 'TRUE' : 'FALSE'))));
  }
  if (name === 'scd') add('fpc5', { kind: 'number', values: new Float64Array(base.nrows).fill(5) });
  t = new Table(names, columns, base.nrows, base.source);
  tables.set(name, t);
  return t;
}

/** The gold designs (survey_gold.json "designs"), as migstat specs. */
export const designs: Record<string, { file: string; spec: DesignSpec }> = {
  dstrat: { file: 'apistrat', spec: { strata: 'stype', weight: 'pw', fpc: ['fpc'] } },
  dstrat_nofpc: { file: 'apistrat', spec: { strata: 'stype', weight: 'pw' } },
  dclus1: { file: 'apiclus1', spec: { psu: ['dnum'], weight: 'pw', fpc: ['fpc'] } },
  dclus1_nofpc: { file: 'apiclus1', spec: { psu: ['dnum'], weight: 'pw' } },
  dclus2: { file: 'apiclus2', spec: { psu: ['dnum', 'snum'], fpc: ['fpc1', 'fpc2'] } },
  dclus2wr: { file: 'apiclus2', spec: { psu: ['dnum', 'snum'], weight: 'pw' } },
  dsrs: { file: 'apisrs', spec: { fpc: ['fpc'] } },
  dsrs_nofpc: { file: 'apisrs', spec: { weight: 'pw' } },
  ds_lonely: { file: 'apiclus1', spec: { strata: 'dnum', weight: 'pw' } },
  dstratclus: { file: 'apistrat', spec: { psu: ['dnum'], strata: 'stype', weight: 'pw', nest: true } },
  scd_fpc: { file: 'scd', spec: { psu: ['ambulance'], strata: 'ESA', nest: true, fpc: ['fpc5'] } },
  scd_nofpc: { file: 'scd', spec: { psu: ['ambulance'], strata: 'ESA', nest: true } },
};

/** What a gold call asks for, in migstat terms. */
export interface Plan {
  readonly design: string;
  readonly where: Condition[];
  readonly kind: 'stat' | 'degf' | 'sum_weights' | 'confint';
  readonly requests: StatRequest[];
  readonly options: EstimateOptions;
  readonly lonely: LonelyPsu;
  readonly adjustDomainLonely: boolean;
}

const str = (s: string): string => s.replace(/^['"]|['"]$/g, '');

function arg(call: string, name: string): string | undefined {
  return new RegExp(`${name}\\s*=\\s*('[^']*'|"[^"]*"|c\\([^)]*\\)|[^,)]+)`).exec(call)?.[1]?.trim();
}

/** Reads the design (and subset condition) out of an R call. */
function designOf(call: string): { design: string; where: Condition[] } {
  const sub = /subset\((\w+),\s*([^)]+)\)/.exec(call);
  if (sub) return { design: sub[1]!, where: [parseCondition(sub[2]!.replace('==', '=').replace(/'/g, ''))] };
  const scd = /svydesign\(data=scd[^)]*\)\)*/.exec(call);
  if (scd) return { design: /fpc=/.test(scd[0]) ? 'scd_fpc' : 'scd_nofpc', where: [] };
  const named = /design=(\w+)/.exec(call);
  if (named) return { design: named[1]!, where: [] };
  const inner = call.replace(/^(confint\(|sum\(|degf\()?(svy\w+\(|weights\()?/, '');
  const m = /^(?:~[^,]+,\s*)?(?:~[\w.+]+,\s*)?(\w+)/.exec(inner);
  return { design: m ? m[1]! : '', where: [] };
}

/** Translates one gold R call into a plan; undefined when the call is outside the Taylor core. */
export function plan(c: GoldCase): Plan | undefined {
  const call = c.r_call ?? '';
  const lonely = (c.options?.['survey.lonely.psu'] as LonelyPsu | undefined) ?? 'fail';
  const adjustDomainLonely = c.options?.['survey.adjust.domain.lonely'] === true;
  const { design, where } = designOf(call);
  const withDesign = (p: Omit<Plan, 'design' | 'where' | 'lonely' | 'adjustDomainLonely'>): Plan => ({ ...p, design, where, lonely, adjustDomainLonely });
  if (/^degf\(/.test(call)) return withDesign({ kind: 'degf', requests: [], options: {} });
  if (/^sum\(weights\(/.test(call)) return withDesign({ kind: 'sum_weights', requests: [], options: {} });
  const vars = (/~([\w.+]+)/.exec(call)?.[1] ?? '').split('+');
  const deffReplace = /deff='replace'/.test(call);
  if (/^confint\(svymean/.test(call)) {
    return withDesign({ kind: 'confint', requests: [{ statistic: 'mean', variable: vars[0]! }], options: /df=degf/.test(call) ? {} : { df: Infinity } });
  }
  if (/^svyby\(/.test(call)) {
    const by = /~[\w.]+,\s*~([\w.+]+)/.exec(call)![1]!.split('+');
    const fun = /(svymean|svytotal|svyratio)/.exec(call.slice(call.indexOf(',')))![1]!;
    const requests: StatRequest[] = fun === 'svyratio'
      ? [{ statistic: 'ratio', numerator: vars[0]!, denominator: /denominator=~([\w.]+)/.exec(call)![1]! }]
      : [{ statistic: fun === 'svymean' ? 'mean' : 'total', variable: vars[0]! }];
    return withDesign({ kind: 'stat', requests, options: { by } });
  }
  const fn = /^(svy\w+)\(/.exec(call)?.[1];
  switch (fn) {
    case 'svytotal':
    case 'svymean':
      return withDesign({ kind: 'stat', requests: vars.map((v) => ({ statistic: fn === 'svytotal' ? 'total' : 'mean', variable: v })), options: { deffReplace, naRm: /na.rm=TRUE/.test(call) } });
    case 'svyvar':
      return withDesign({ kind: 'stat', requests: [{ statistic: 'var', variable: vars[0]! }], options: {} });
    case 'svyratio':
      return withDesign({ kind: 'stat', requests: [{ statistic: 'ratio', numerator: vars[0]!, denominator: /,\s*~([\w.]+)/.exec(call)![1]! }], options: {} });
    case 'svyciprop': {
      const ind = /~I\(([^)]*)\)/.exec(call)![1]!;
      const eq = /^([\w.]+)=='([^']*)'$/.exec(ind);
      const request: StatRequest = eq ? { statistic: 'proportion', variable: eq[1]!, value: eq[2]! } : { statistic: 'proportion', variable: `I(${ind})`, value: 'TRUE' };
      const df = arg(call, 'df');
      return withDesign({ kind: 'stat', requests: [request], options: { ciMethod: str(arg(call, 'method')!) as ProportionCiMethod, ...(df === 'Inf' ? { df: Infinity } : {}) } });
    }
    case 'svyquantile': {
      const probs = (arg(call, 'quantiles') ?? 'c(0.5)').replace(/^c\(|\)$/g, '').split(',').map(Number);
      return withDesign({
        kind: 'stat',
        requests: [{ statistic: 'quantile', variable: vars[0]!, probs }],
        options: { qrule: str(arg(call, 'qrule') ?? 'math') as QuantileRule, intervalType: str(arg(call, 'interval.type') ?? 'mean') as QuantileIntervalType },
      });
    }
    default:
      return undefined;
  }
}

/** Runs a plan: builds the design with the case's lonely-PSU options and estimates. */
export function run(p: Plan): EstimateResult {
  const d = designs[p.design];
  if (!d) throw new Error(`no design ${p.design}`);
  const design = svyDesign(table(d.file), { ...d.spec, lonelyPsu: p.lonely, adjustDomainLonely: p.adjustDomainLonely });
  return estimate(design, p.requests, { ...p.options, where: p.where });
}
