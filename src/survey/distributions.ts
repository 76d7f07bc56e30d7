import qnormStd from '@stdlib/stats-base-dists-normal-quantile';
import qtStd from '@stdlib/stats-base-dists-t-quantile';
import qbetaStd from '@stdlib/stats-base-dists-beta-quantile';

/** Standard normal quantile (R `qnorm(p)`). */
export function qnorm(p: number): number {
  return qnormStd(p, 0, 1);
}

/** Student t quantile with df degrees of freedom; df = Infinity gives the normal quantile (R `qt`). */
export function qt(p: number, df: number): number {
  if (df === Infinity) return qnorm(p);
  if (!(df > 0)) return NaN;
  return qtStd(p, df);
}

/** Beta quantile (R `qbeta(p, a, b)`), with R's limits at a = 0 (point mass at 0) and b = 0 (point mass at 1). */
export function qbeta(p: number, a: number, b: number): number {
  if (a === 0) return 0;
  if (b === 0) return 1;
  return qbetaStd(p, a, b);
}

/** Critical value t_{1-alpha/2, df} for a two-sided interval at the given level. */
export function critical(level: number, df: number): number {
  return qt(1 - (1 - level) / 2, df);
}
