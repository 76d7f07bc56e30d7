/**
 * Writes the bundled observatory example (README.md here): national data collection templates of four countries of the
 * fictional Atlantis region (real ISO3 codes of ASEAN members, synthetic values) and the benchmark tables of all five
 * countries in the layouts of UN World Population Prospects, UN DESA International Migrant Stock and the ILO modelled
 * estimates. Deterministic: a fixed seed, and fixed workbook dates.
 *
 *   npx tsx examples/observatory/make-example.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countryByIso3 } from '../../src/classifications/countries.js';
import type { SeriesRow } from '../../src/global/observatory-db.js';
import { templateWorkbook } from '../../src/global/observatory-template.js';
import { fixZipTimestamps } from '../../src/report/indicator-workbook.js';

const here = dirname(fileURLToPath(import.meta.url));

/** A small seeded generator (LCG, Numerical Recipes constants): the same numbers on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface CountrySpec {
  readonly iso3: string;
  /** Population, millions, in 2023. */
  readonly pop: number;
  /** Share of international migrants in the population. */
  readonly migrantShare: number;
  /** Odds-ratio factor of migrants' participation. */
  readonly theta: number;
  readonly growth: number;
  readonly criterion: 'birth' | 'citizenship';
  readonly desaType: string;
}

export const EXAMPLE_COUNTRIES: readonly CountrySpec[] = [
  { iso3: 'THA', pop: 71.8, migrantShare: 0.052, theta: 1.9, growth: 0.002, criterion: 'birth', desaType: 'B' },
  { iso3: 'MYS', pop: 34.3, migrantShare: 0.104, theta: 2.4, growth: 0.011, criterion: 'birth', desaType: 'B' },
  { iso3: 'SGP', pop: 5.9, migrantShare: 0.38, theta: 1.6, growth: 0.008, criterion: 'citizenship', desaType: 'C' },
  { iso3: 'PHL', pop: 115.6, migrantShare: 0.002, theta: 0.9, growth: 0.014, criterion: 'birth', desaType: 'B' },
  { iso3: 'KHM', pop: 16.9, migrantShare: 0.0045, theta: 1.3, growth: 0.012, criterion: 'birth', desaType: 'B R' },
];
const YEARS = [2023, 2024] as const;
/** Which templates exist: country and year (KHM has none: it is imputed). */
const TEMPLATES: readonly [string, number][] = [['THA', 2023], ['THA', 2024], ['MYS', 2024], ['SGP', 2024], ['PHL', 2024]];

/** Five-year bands 0-4 ... 95-99 and 100+. */
const FIVE = [...Array.from({ length: 20 }, (_, k) => [5 * k, 5 * k + 4] as [number, number]), [100, Infinity] as [number, number]];
const bandText = ([a, b]: [number, number]): string => (b === Infinity ? `${a}+` : `${a}-${b}`);

/** Population share of a five-year band (a smooth, ageing-ish pyramid). */
function popShape(k: number): number {
  return Math.max(0.002, 0.085 - 0.0009 * k * k * 0.9 + (k < 3 ? -0.01 : 0));
}
/** Migrants' age shape: concentrated between 20 and 49. */
function migShape(k: number): number {
  const mid = 6.5;
  return Math.exp(-((k - mid) ** 2) / 10) + 0.02;
}
/** Labour force participation of non-migrants by five-year band and sex. */
function lfpr(k: number, sex: 'M' | 'F'): number {
  if (k < 3) return 0;
  const base = [0, 0, 0, 0.35, 0.75, 0.86, 0.88, 0.88, 0.87, 0.84, 0.78, 0.66, 0.48, 0.32, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002][k]!;
  return sex === 'M' ? base : base * 0.8;
}
const withTheta = (p: number, theta: number): number => (p <= 0 ? 0 : (theta * p) / (1 - p + theta * p));

interface Truth {
  /** population by sex, band index, migrant (true/false) */
  pop(sex: 'M' | 'F', k: number, migrant: boolean): number;
  lf(sex: 'M' | 'F', k: number, migrant: boolean): number;
}

function truth(c: CountrySpec, year: number): Truth {
  const total = c.pop * 1e6 * (1 + c.growth) ** (year - 2023);
  const ps = FIVE.map((_, k) => popShape(k));
  const sp = ps.reduce((a, b) => a + b, 0);
  const ms = FIVE.map((_, k) => migShape(k));
  const sm = ms.reduce((a, b) => a + b, 0);
  const migTotal = total * c.migrantShare * (1 + 0.02 * (year - 2023));
  const sexShare = { M: 0.49, F: 0.51 };
  const migSex = { M: 0.56, F: 0.44 };
  return {
    pop: (sex, k, migrant) => {
      const all = (total * ps[k]!) / sp * sexShare[sex];
      const mig = Math.min(all * 0.9, (migTotal * ms[k]!) / sm * migSex[sex]);
      return migrant ? mig : all - mig;
    },
    lf(sex, k, migrant) {
      const p = lfpr(k, sex);
      return this.pop(sex, k, migrant) * (migrant ? withTheta(p, c.theta) : p);
    },
  };
}

/** National bands of the templates and the five-year bands they gather. */
const NATIONAL_BANDS: readonly [string, number, number][] = [['Y15-24', 3, 4], ['Y25-54', 5, 10], ['Y55-64', 11, 12], ['YGE65', 13, 20]];

function templateRows(c: CountrySpec, year: number, r: () => number): SeriesRow[] {
  const t = truth(c, year);
  const rows: SeriesRow[] = [];
  const base = { ref_area: c.iso3, year, layer: 'national' as const, unit: 'persons', source: `${countryByIso3(c.iso3)!.name} Labour Force Survey ${year}`, source_type: 'template', reference_year: year, reference_period: String(year), standard: 'ICLS19', file: '', location: '' };
  const cells = new Map<string, { wap: number; lf: number; emp: number }>();
  for (const sex of ['M', 'F'] as const) {
    for (const [age, from, to] of NATIONAL_BANDS) {
      for (const migrant of [true, false]) {
        let wap = 0;
        let lf = 0;
        for (let k = from; k <= to; k++) {
          wap += t.pop(sex, k, migrant);
          lf += t.lf(sex, k, migrant);
        }
        const noise = (): number => 1 + (r() - 0.5) * 0.04;
        const w = Math.round(wap * noise());
        const l = Math.min(w, Math.round(lf * noise()));
        const ur = (migrant ? 0.045 : 0.03) * (age === 'Y15-24' ? 2.2 : 1) * noise();
        const e = Math.round(l * (1 - ur));
        cells.set(`${sex}|${age}|${migrant ? 'MIGRANT' : 'NONMIGRANT'}`, { wap: w, lf: l, emp: e });
      }
    }
  }
  const sum = (pred: (k: string) => boolean): { wap: number; lf: number; emp: number } => {
    const out = { wap: 0, lf: 0, emp: 0 };
    for (const [k, v] of cells) if (pred(k)) {
      out.wap += v.wap;
      out.lf += v.lf;
      out.emp += v.emp;
    }
    return out;
  };
  for (const sex of ['T', 'M', 'F']) {
    for (const age of ['YGE15', ...NATIONAL_BANDS.map((b) => b[0])]) {
      for (const migrant of ['TOTAL', 'MIGRANT', 'NONMIGRANT']) {
        const v = sum((k) => {
          const [s, a, m] = k.split('|');
          return (sex === 'T' || s === sex) && (age === 'YGE15' || a === age) && (migrant === 'TOTAL' || m === migrant);
        });
        const values: [string, number][] = [['XWAP', v.wap], ['TEAP', v.lf], ['TEMP', v.emp], ['TUNE', v.lf - v.emp], ['TEIP', v.wap - v.lf]];
        const small = migrant === 'MIGRANT' && c.iso3 === 'PHL';
        for (const [indicator, value] of values) {
          rows.push({
            ...base, indicator, sex, age, migrant, criterion: migrant === 'TOTAL' ? '' : c.criterion, value,
            se: c.iso3 === 'THA' ? Math.round(Math.sqrt(value) * 25) : null, flags: small ? 'U' : '',
          });
        }
      }
    }
  }
  return rows;
}

function csv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((r) => r.map((x) => (typeof x === 'string' && /[",]/.test(x) ? `"${x.replace(/"/g, '""')}"` : String(x))).join(',')).join('\n') + '\n';
}

const k3 = (x: number): string => (x / 1000).toFixed(3);

function benchmarks(): { wpp: string; desa: string; ilo: string } {
  const wpp: (string | number)[][] = [['ISO3_code', 'Location', 'Time', 'AgeGrp', 'AgeGrpStart', 'AgeGrpSpan', 'PopMale', 'PopFemale', 'PopTotal']];
  const desa: (string | number)[][] = [['ISO3_code', 'Location', 'Year', 'Sex', 'AgeGrp', 'MigrantStock', 'TypeOfData']];
  const ilo: (string | number)[][] = [['ref_area', 'indicator', 'sex', 'classif1', 'time', 'obs_value', 'source']];
  for (const c of EXAMPLE_COUNTRIES) {
    const name = countryByIso3(c.iso3)!.name;
    for (const year of YEARS) {
      const t = truth(c, year);
      FIVE.forEach((b, k) => {
        const m = t.pop('M', k, true) + t.pop('M', k, false);
        const f = t.pop('F', k, true) + t.pop('F', k, false);
        wpp.push([c.iso3, name, year, bandText(b), b[0], b[1] === Infinity ? -1 : 5, k3(m), k3(f), k3(m + f)]);
      });
      // DESA: five-year bands to 70-74, then 75+
      const desaBands: [string, number[]][] = [...Array.from({ length: 15 }, (_, k) => [bandText(FIVE[k]!), [k]] as [string, number[]]), ['75+', [15, 16, 17, 18, 19, 20]]];
      for (const [sexText, sexes] of [['Both sexes', ['M', 'F']], ['Male', ['M']], ['Female', ['F']]] as const) {
        let total = 0;
        for (const [band, ks] of desaBands) {
          const v = Math.round(ks.reduce((s, k) => s + sexes.reduce((a, sx) => a + t.pop(sx as 'M' | 'F', k, true), 0), 0));
          total += v;
          desa.push([c.iso3, name, year, sexText, band, v, c.desaType]);
        }
        desa.push([c.iso3, name, year, sexText, 'Total', total, c.desaType]);
      }
      const bands: [string, number, number][] = [['AGE_YTHADULT_YGE15', 3, 20], ['AGE_YTHADULT_Y15-24', 3, 4], ['AGE_AGGREGATE_Y25-54', 5, 10], ['AGE_AGGREGATE_Y55-64', 11, 12], ['AGE_AGGREGATE_YGE65', 13, 20]];
      for (const [sexCode, sexes] of [['SEX_T', ['M', 'F']], ['SEX_M', ['M']], ['SEX_F', ['F']]] as const) {
        for (const [code, from, to] of bands) {
          let l = 0;
          for (let k = from; k <= to; k++) for (const sx of sexes) l += t.lf(sx as 'M' | 'F', k, true) + t.lf(sx as 'M' | 'F', k, false);
          ilo.push([c.iso3, 'EAP_2EAP_SEX_AGE_NB', sexCode, code, year, k3(l * 1.01), 'XA:2024']);
        }
      }
    }
  }
  return { wpp: csv(wpp), desa: csv(desa), ilo: csv(ilo) };
}

export async function writeExample(dir: string = here): Promise<string[]> {
  const written: string[] = [];
  mkdirSync(join(dir, 'templates'), { recursive: true });
  mkdirSync(join(dir, 'benchmarks'), { recursive: true });
  for (const [iso3, year] of TEMPLATES) {
    const c = EXAMPLE_COUNTRIES.find((x) => x.iso3 === iso3)!;
    const rows = templateRows(c, year, rng(year * 1000 + iso3.charCodeAt(0) * 7 + iso3.charCodeAt(1)));
    const bytes = await templateWorkbook({
      country: iso3, year, source: rows[0]!.source, criterion: c.criterion, standard: 'ICLS19', unit: 'persons',
      contact: 'National focal point (synthetic example)', notes: 'Synthetic values for training: not real statistics.',
    }, rows);
    const path = join(dir, 'templates', `${iso3}-${year}.xlsx`);
    writeFileSync(path, fixZipTimestamps(bytes, new Date(0)));
    written.push(path);
  }
  const b = benchmarks();
  for (const [name, text] of [['wpp-population.csv', b.wpp], ['desa-migrant-stock.csv', b.desa], ['ilo-modelled-labour-force.csv', b.ilo]] as const) {
    const path = join(dir, 'benchmarks', name);
    writeFileSync(path, text);
    written.push(path);
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const p of await writeExample()) process.stdout.write(`${p}\n`);
}
