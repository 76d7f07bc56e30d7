/**
 * Seeded, deterministic generator for the foundation benchmark workload.
 *
 *   npx tsx bench/generate.ts [rows] [--seed N] [--out PATH] [--replicates R]
 *
 * Defaults: rows = 1,000,000, seed = 20240601, out = bench/data/estimate-1m.csv
 * (or bench/data/estimate-<rows>.csv when rows is not 1e6).
 *
 * --replicates R (the replicate-weight benchmark, e.g. 80) appends R bootstrap replicate-weight columns rw1..rwR
 * (default name bench/data/estimate-1m-rep<R>.csv) and writes the replicate factors per PSU beside it
 * (<name>-factors.csv: psu,f1..fR). The first seven columns are the same bytes as without the flag: the factors come
 * from their own mulberry32 stream (seed: --seed XOR 0x52455031). Replicate r draws, in every stratum, its 20 PSUs
 * with replacement (Canty-Davison rescaled bootstrap, as R survey's `bootweights` without an fpc): a PSU's factor is
 * the number of times it was drawn (0..20), and rw<r> = weight x factor, written exactly (4 decimals, or 0).
 *
 * Design: 200 strata x 20 PSUs = 4,000 PSUs (ids 1..4000, unique across strata),
 * rows sorted by stratum then PSU, PSU sizes vary (about 0.6x..1.4x of the mean).
 * Columns: stratum,psu,weight,domain,y,x,emp
 *   weight  positive, ~51..480: a stratum base weight (60..400) times a unit factor (0.85..1.2)
 *   domain  "d01".."d20": half the time tied to the PSU, else drawn with unequal probabilities
 *   y       lognormal, income-like; depends on the domain and a PSU random effect
 *   x       positive, correlated with y (ratio denominator)
 *   emp     0/1, probability depends on the domain and the PSU effect
 * The same (rows, seed) always gives the same bytes: no Math.random, no clock.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lineWriter } from './support.js';

const N_STRATA = 200;
const PSU_PER_STRATUM = 20;
const N_PSU = N_STRATA * PSU_PER_STRATUM;
const N_DOMAIN = 20;
const CHUNK_ROWS = 20_000;

/** mulberry32: small 32-bit seeded PRNG; returns uniforms in (0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/** Standard normal draws (Box-Muller, both values used). */
function normalSource(u: () => number): () => number {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const r = Math.sqrt(-2 * Math.log(u()));
    const th = 2 * Math.PI * u();
    spare = r * Math.sin(th);
    hasSpare = true;
    return r * Math.cos(th);
  };
}

interface Args {
  rows: number;
  seed: number;
  out: string;
  /** Bootstrap replicate-weight columns to append (0: none, the default file). */
  replicates?: number;
}

/** Seed of the replicate factors' own stream, so that the base columns keep their bytes. */
export const REPLICATE_SEED_XOR = 0x52455031;

/**
 * Bootstrap replicate factors per PSU (R x N_PSU, replicate-major): in each stratum, PSU_PER_STRATUM draws with
 * replacement among its PSUs; a PSU's factor is its count. Replicate by replicate, stratum by stratum.
 */
export function bootstrapFactors(replicates: number, seed: number): Uint8Array {
  const u = mulberry32((seed ^ REPLICATE_SEED_XOR) >>> 0);
  const f = new Uint8Array(replicates * N_PSU);
  for (let r = 0; r < replicates; r++) {
    for (let h = 0; h < N_STRATA; h++) {
      for (let k = 0; k < PSU_PER_STRATUM; k++) {
        const j = Math.min(PSU_PER_STRATUM - 1, Math.floor(u() * PSU_PER_STRATUM));
        f[r * N_PSU + h * PSU_PER_STRATUM + j]! += 1;
      }
    }
  }
  return f;
}

function parseArgs(argv: string[]): Args {
  const benchDir = dirname(fileURLToPath(import.meta.url));
  let rows = 1_000_000;
  let seed = 20240601;
  let out: string | undefined;
  let replicates = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--seed') seed = Number(argv[++i]);
    else if (a === '--out') out = argv[++i];
    else if (a === '--replicates') replicates = Number(argv[++i]);
    else if (/^[0-9.e+_]+$/i.test(a)) rows = Number(a.replace(/_/g, ''));
    else throw new Error(`unknown argument: ${a}`);
  }
  if (!Number.isInteger(rows) || rows < N_PSU) throw new Error(`rows must be an integer >= ${N_PSU} (got ${rows})`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer (got ${seed})`);
  if (!Number.isInteger(replicates) || replicates < 0 || replicates > 1000) throw new Error(`--replicates must be an integer in 0..1000 (got ${replicates})`);
  const name = `estimate-${rows === 1_000_000 ? '1m' : rows}${replicates > 0 ? `-rep${replicates}` : ''}.csv`;
  return { rows, seed, out: resolve(out ?? `${benchDir}/data/${name}`), replicates };
}

/** The replicate-factor file written beside a replicate CSV. */
export const factorsPath = (csv: string): string => csv.replace(/(\.csv)?$/, '-factors.csv');

/** weight (as written, 4 decimals) x an integer factor, written exactly: 4 decimals, or "0". */
function scaledWeight(weight4: string, factor: number): string {
  if (factor === 0) return '0';
  if (factor === 1) return weight4;
  const v = Number(weight4.replace('.', '')) * factor; // ten-thousandths, an exact integer
  return `${Math.floor(v / 1e4)}.${String(v % 1e4).padStart(4, '0')}`;
}

export function generate({ rows, seed, out, replicates = 0 }: Args): { bytes: number } {
  const u = mulberry32(seed);
  const z = normalSource(u);

  const domainCodes = Array.from({ length: N_DOMAIN }, (_, k) => `d${String(k + 1).padStart(2, '0')}`);
  // Unequal domain probabilities (domain k has weight 1 + k/5), as a cumulative table.
  const domCum = new Float64Array(N_DOMAIN);
  let acc = 0;
  for (let k = 0; k < N_DOMAIN; k++) domCum[k] = acc += 1 + k / 5;
  for (let k = 0; k < N_DOMAIN; k++) domCum[k]! /= acc;
  // Domain effects on log(y) and on the employment log-odds.
  const domY = Float64Array.from({ length: N_DOMAIN }, (_, k) => 0.04 * k - 0.4 + 0.1 * z());
  const domEmp = Float64Array.from({ length: N_DOMAIN }, (_, k) => 0.8 - 0.06 * k);

  // Stratum base weights, 60..400.
  const stratumW = Float64Array.from({ length: N_STRATA }, () => 60 + 340 * u());

  // PSU sizes: each PSU gets 1 row, the rest is shared in proportion to 0.6..1.4; sums exactly to rows.
  const raw = Float64Array.from({ length: N_PSU }, () => 0.6 + 0.8 * u());
  const rawSum = raw.reduce((s, v) => s + v, 0);
  const extra = rows - N_PSU;
  const size = new Int32Array(N_PSU);
  let assigned = 0;
  for (let i = 0; i < N_PSU; i++) {
    size[i] = 1 + Math.floor((extra * raw[i]!) / rawSum);
    assigned += size[i]!;
  }
  for (let i = 0; assigned < rows; i = (i + 1) % N_PSU) {
    size[i]! += 1;
    assigned++;
  }

  const file = lineWriter(out, CHUNK_ROWS);
  const R = replicates;
  const factors = R > 0 ? bootstrapFactors(R, seed) : new Uint8Array(0);
  const repHeader = Array.from({ length: R }, (_, r) => `,rw${r + 1}`).join('');
  file.write(`stratum,psu,weight,domain,y,x,emp${repHeader}\n`);

  for (let h = 0; h < N_STRATA; h++) {
    const stratum = h + 1;
    const wBase = stratumW[h]!;
    const stratumEffect = 0.15 * z();
    for (let j = 0; j < PSU_PER_STRATUM; j++) {
      const p = h * PSU_PER_STRATUM + j;
      const psu = p + 1;
      const psuEffect = stratumEffect + 0.3 * z(); // PSU random effect on log(y)
      const psuDomain = (h * 7 + j * 3) % N_DOMAIN; // the PSU's "home" domain
      const n = size[p]!;
      for (let r = 0; r < n; r++) {
        let d: number;
        if (u() < 0.5) d = psuDomain;
        else {
          const v = u();
          d = 0;
          while (d < N_DOMAIN - 1 && v > domCum[d]!) d++;
        }
        const weight = wBase * (0.85 + 0.35 * u());
        const logY = 9.8 + domY[d]! + psuEffect + 0.8 * z();
        const y = Math.exp(logY);
        const x = Math.exp(0.8 * logY + 0.9 + 0.35 * z());
        const eta = domEmp[d]! + 1.5 * psuEffect;
        const emp = u() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        const w4 = weight.toFixed(4);
        let line = `${stratum},${psu},${w4},${domainCodes[d]},${y.toFixed(2)},${x.toFixed(3)},${emp}`;
        for (let r = 0; r < R; r++) line += `,${scaledWeight(w4, factors[r * N_PSU + p]!)}`;
        file.line(line);
      }
    }
  }
  const bytes = file.close();
  if (R > 0) {
    const table = [`psu${Array.from({ length: R }, (_, r) => `,f${r + 1}`).join('')}`];
    for (let p = 0; p < N_PSU; p++) table.push(`${p + 1}${Array.from({ length: R }, (_, r) => `,${factors[r * N_PSU + p]}`).join('')}`);
    writeFileSync(factorsPath(out), table.join('\n') + '\n');
  }
  return { bytes };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = parseArgs(process.argv.slice(2));
  const t0 = process.hrtime.bigint();
  const { bytes } = generate(args);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(
    `wrote ${args.out}: ${args.rows} rows, ${N_STRATA} strata, ${N_PSU} PSUs, ${N_DOMAIN} domains, seed ${args.seed}, ` +
      `${(bytes / 1048576).toFixed(1)} MiB in ${(ms / 1000).toFixed(2)} s` +
      (args.replicates ? `; ${args.replicates} bootstrap replicate-weight columns rw1..rw${args.replicates}, factors per PSU in ${factorsPath(args.out)}` : ''),
  );
}
