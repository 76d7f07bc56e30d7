/**
 * Seeded, deterministic generator for the reader benchmark (bench/read.bench.ts): a labour-force-survey-like CSV,
 * 60 columns, 1,000,000 rows by default.
 *
 *   npx tsx bench/generate-read.ts [rows] [--seed N] [--out PATH]
 *
 * Defaults: rows = 1,000,000, seed = 20240607, out = bench/data/read-1m.csv (bench/data/read-<rows>.csv otherwise).
 * The same (rows, seed) gives the same bytes: mulberry32 (bench/generate.ts), no Math.random, no clock.
 *
 * 51 numeric columns (integer codes, 4-decimal weights, 2-decimal incomes, 6-decimal coordinates; some empty or `NA`)
 * and 9 text columns: household ids (250,000 levels), region and district codes with leading zeros, ISO 3166 alpha-3
 * countries, ISCO-08 unit groups with leading zeros ("0110"), ISIC sections, interview dates, and a comment column
 * that is mostly empty but sometimes quoted, with commas, doubled quotes and non-ASCII UTF-8 text.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './generate.js';
import { lineWriter } from './support.js';

const COUNTRIES = ['PHL', 'IND', 'NPL', 'BGD', 'PAK', 'LKA', 'IDN', 'VNM', 'MMR', 'KHM', 'EGY', 'ETH', 'KEN', 'UGA', 'SDN', 'SYR', 'JOR', 'LBN',
  'MAR', 'TUN', 'DZA', 'NGA', 'GHA', 'SEN', 'MLI', 'BFA', 'CIV', 'MEX', 'GTM', 'HND', 'SLV', 'COL', 'VEN', 'PER', 'BOL', 'UKR', 'MDA', 'ROU',
  'POL', 'TUR'];
const COMMENTS = ['', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', 'refused income', 'proxy respondent',
  '"moved, returning next year"', '"said ""part-time"" only"', 'São Paulo', '"Zürich, CH"', 'callback', 'partial'];
const ISIC = 'ABCDEFGHIJKLMNOPQRSTU';

export const READ_COLUMNS = [
  'id', 'hhid', 'stratum', 'psu', 'region', 'district', 'urban', 'weight', 'sex', 'age', 'marital', 'relation', 'country_birth',
  'citizenship', 'migrant', 'year_arrival', 'reason_migr', 'educ', 'lfs', 'isco', 'isic', 'icse', 'hours', 'income', 'contract',
  'informal', 'interview_date', 'comment',
  ...Array.from({ length: 20 }, (_, k) => `q${String(k + 1).padStart(2, '0')}`),
  ...Array.from({ length: 10 }, (_, k) => `rw${String(k + 1).padStart(2, '0')}`),
  'lat', 'lon',
];

export function generateRead(rows: number, seed: number, out: string): { bytes: number } {
  const u = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(u() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(u() * xs.length)]!;
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const pad = (v: number, n: number) => String(v).padStart(n, '0');
  const iscoCodes = Array.from({ length: 420 }, (_, k) => pad(110 + Math.floor((k * 9519) / 420), 4));
  const dates = Array.from({ length: 366 }, (_, d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10));

  const file = lineWriter(out, 20_000);
  file.write(READ_COLUMNS.join(',') + '\n');
  for (let i = 0; i < rows; i++) {
    const hh = Math.floor(i / 4);
    const stratum = 1 + (Math.floor(hh / 1250) % 200);
    const psu = 1 + (Math.floor(hh / 63) % 4000);
    const region = 1 + ((stratum - 1) % 15);
    const migrant = u() < 0.18 ? 1 : 0;
    const weight = 60 + 340 * u();
    const employed = u() < 0.6;
    const f: (string | number)[] = [
      i + 1,
      `HH${pad(hh + 1, 7)}`,
      stratum,
      psu,
      pad(region, 2),
      pad(region * 100 + int(1, 12), 4),
      int(1, 2),
      weight.toFixed(4),
      int(1, 2),
      int(15, 90),
      u() < 0.03 ? 'NA' : int(1, 5),
      int(1, 9),
      migrant ? pick(COUNTRIES) : 'XXK',
      migrant && u() < 0.7 ? pick(COUNTRIES) : 'XXK',
      migrant,
      migrant ? int(1960, 2024) : '',
      migrant ? int(1, 8) : '',
      int(0, 8),
      employed ? 1 : int(2, 3),
      employed ? pick(iscoCodes) : '',
      employed ? ISIC[int(0, 20)]! : '',
      employed ? int(1, 9) : '',
      employed ? int(0, 84) : '',
      employed ? (u() < 0.05 ? 'NA' : Math.exp(7.5 + 0.8 * normal()).toFixed(2)) : '',
      employed ? int(1, 3) : '',
      employed ? int(0, 1) : '',
      pick(dates),
      pick(COMMENTS),
    ];
    for (let q = 0; q < 20; q++) f.push(u() < 0.02 ? '' : int(1, 5));
    for (let r = 0; r < 10; r++) f.push((weight * (0.5 + u())).toFixed(4));
    f.push((-35 + 70 * u()).toFixed(6), (-20 + 140 * u()).toFixed(6));
    file.line(f.join(','));
  }
  return { bytes: file.close() };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const argv = process.argv.slice(2);
  let rows = 1_000_000;
  let seed = 20240607;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--seed') seed = Number(argv[++i]);
    else if (a === '--out') out = argv[++i];
    else if (/^[0-9_]+$/.test(a)) rows = Number(a.replace(/_/g, ''));
    else throw new Error(`unknown argument: ${a}`);
  }
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`rows must be a positive integer (got ${rows})`);
  const benchDir = dirname(fileURLToPath(import.meta.url));
  const path = resolve(out ?? `${benchDir}/data/read-${rows === 1_000_000 ? '1m' : rows}.csv`);
  const t0 = process.hrtime.bigint();
  const { bytes } = generateRead(rows, seed, path);
  console.log(`wrote ${path}: ${rows} rows x ${READ_COLUMNS.length} columns, seed ${seed}, ${(bytes / 1048576).toFixed(1)} MiB in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
}
