/**
 * The result of the indicator engine: tidy cells, one per indicator x sex x classification, keyed with ILOSTAT codes
 * (spec icls.md section 4.3-4.4), each a survey estimate with its statistics and its quality and confidentiality flags.
 * Writers (ILOSTAT bulk CSV, SDMX-CSV, tidy CSV/JSON, xlsx), reliability flags and disclosure control all read this.
 */

/** Reliability of a cell under the flag policy (reliability.ts). */
export type Reliability = 'reliable' | 'less-reliable' | 'unreliable';

/** Why a cell is not published: too few observations (primary) or to protect another cell (secondary). */
export type Suppression = 'primary' | 'secondary';

/** One published (or suppressed) cell. `classif1`/`classif2` are ILOSTAT classification item codes, null when the indicator has none. */
export interface IndicatorCell {
  /** ILOSTAT indicator code (`MST_TEAP_SEX_AGE_CBR_NB`) or a documented migstat code (`MIG_...`). */
  readonly indicator: string;
  /** `SEX_T`, `SEX_M`, `SEX_F`. */
  readonly sex: string;
  readonly classif1: string | null;
  readonly classif2: string | null;
  /** `NB` count (persons; ILOSTAT files show thousands), `RT` rate in percent, `MEAN`/`MEDIAN` in the unit of the variable, `GAP` a difference. */
  readonly unit: 'NB' | 'RT' | 'MEAN' | 'MEDIAN' | 'GAP';
  /** The estimate in its own unit: persons for NB, percent for RT. */
  readonly estimate: number;
  readonly se: number;
  readonly ci_low: number;
  readonly ci_high: number;
  readonly df: number;
  readonly deff: number;
  /** Coefficient of variation se / |estimate| (NaN at 0). */
  readonly cv: number;
  /** Unweighted observations in the numerator (counts, rates) or the domain (means). */
  readonly n: number;
  /** Unweighted observations in the denominator of a rate (or the domain of a mean); equal to n for counts. */
  readonly n_domain: number;
  /** Weighted persons in the domain. */
  readonly N: number;
  readonly reliability: Reliability;
  readonly suppressed?: Suppression;
}

/** A table: all cells of one indicator, with the definition that produced them. */
export interface IndicatorTable {
  readonly indicator: string;
  readonly label: string;
  /**
   * For count tables (unit NB): the population counted (`WAP`, `LF`, `EMP`, `UNE`, `OLF`, ...). Cells of count tables
   * with the same measure and the same non-total codes are the same quantity: such tables share margins.
   */
  readonly measure?: string;
  /**
   * For rates (RT), means and medians: the `measure` of the count tables holding the numerator and the denominator
   * (domain) of each cell, so that disclosure control suppresses a rate or mean whose count is suppressed
   * (suppression.ts `propagateSuppression`).
   */
  readonly numeratorMeasure?: string;
  readonly denominatorMeasure?: string;
  readonly cells: readonly IndicatorCell[];
}

/**
 * A classification as tabulated: its total code and the items that partition it (ILOSTAT `AGE_YTHADULT`: `YGE15` =
 * `Y15-24` + `YGE25`; sex: `SEX_T` = `SEX_M` + `SEX_F`). The additivity of count tables follows from these.
 */
export interface Breakdown {
  readonly total: string;
  readonly items: readonly string[];
}
