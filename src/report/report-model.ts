/**
 * The input of the publication report (html-report.ts, markdown-report.ts): indicator tables by section, charts as
 * SVG, and the methodology of the run. It is the contract between the pipeline that assembles a run and the report
 * writers. The report receives published tables only (cells with their statistics and flags), never rows of persons.
 */
import type { IndicatorTable } from '../indicators/cell.js';
import type { ReliabilityPolicy, ReliabilityPolicyInput } from '../indicators/reliability.js';
import type { SuppressionPolicy, SuppressionPolicyInput } from '../indicators/suppression.js';
import type { RunExclusion, RunFile, RunStandards } from './run-metadata.js';

/** A report input that cannot be written (duplicate ids, an SVG with scripts or external references, ...). */
export class ReportError extends Error {
  override readonly name = 'ReportError';
}

/** A chart: an SVG document (src/charts) shown inline in HTML, and a PNG beside the report for Markdown. */
export interface ReportChart {
  /** Unique among the charts: the HTML anchor `chart-<id>` and the prefix of the SVG's own ids. */
  readonly id: string;
  readonly title: string;
  /** Text alternative: the SVG's aria-label in HTML, the image's alt text in Markdown. */
  readonly alt: string;
  /** The SVG markup; no scripts, event handlers or references outside the document (data: images excepted). */
  readonly svg: string;
  /** File name of the PNG beside the report (relative, no scheme), for the Markdown version. */
  readonly png?: string;
}

/** A group of tables of one period or comparison. */
export interface ReportSection {
  /** Unique among the sections: the anchor of the section and the prefix of its tables' anchors. */
  readonly id: string;
  readonly heading: string;
  /** e.g. '2024Q1', 'annual 2024', 'change 2024Q1 to 2024Q2'. */
  readonly time: string;
  readonly tables: readonly IndicatorTable[];
  readonly note?: string;
  /** Notes shown under a table, by indicator code. */
  readonly tableNotes?: Readonly<Record<string, string>>;
  /** Tables that are not estimates (scores, rankings): a title, column names and rows of text or numbers, after the indicator tables. */
  readonly plainTables?: readonly PlainReportTable[];
}

/** A table of values that are not survey estimates (no flags, no intervals): shown as given. */
export interface PlainReportTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

/** What the methodology section states: definitions, design, quality and confidentiality rules, exclusions, inputs. */
export interface ReportMethodology {
  /** The standards the run applied (run-metadata.ts); extra keys (`workingAge`, ...) are listed by name. */
  readonly standards: RunStandards;
  /** Sample design, in the caller's words (`stratified two-stage sample of dwellings, 230 PSUs in 30 strata`). */
  readonly design: string;
  /** Variance method, in the caller's words (`Taylor linearisation`, `Fay's BRR with 80 replicates`). */
  readonly variance: string;
  /** Confidence level of the cells' intervals (default 0.95). */
  readonly level?: number;
  /** The reliability policy that flagged the cells (a preset name, overrides or a full policy). */
  readonly reliability: ReliabilityPolicy | ReliabilityPolicyInput;
  /** The disclosure control policy that suppressed cells (its input or the full policy). */
  readonly suppression: SuppressionPolicy | SuppressionPolicyInput;
  /** Records and cells left out, with their counts (run-metadata.ts). */
  readonly exclusions: readonly RunExclusion[];
  /** Input files: shown by file name (never the folder), role, size and SHA-256. */
  readonly inputs: readonly RunFile[];
  /** Options of the run (run-metadata.ts `options`), listed by key; values written as JSON when not text. */
  readonly options?: Readonly<Record<string, unknown>>;
  readonly notes?: readonly string[];
}

/** Everything the report shows. */
export interface ReportInput {
  readonly title: string;
  readonly subtitle?: string;
  /** ISO3 reference area (`ATL`). */
  readonly ref_area: string;
  /** ILOSTAT source (`BA:1`) or a description of it. */
  readonly source: string;
  /** The first section is the main one: the key figures come from it. */
  readonly sections: readonly ReportSection[];
  readonly charts: readonly ReportChart[];
  readonly methodology: ReportMethodology;
  /** migstat's version, and a date only when given (SOURCE_DATE_EPOCH): the same input gives the same bytes. */
  readonly generated: { readonly migstat: string; readonly date?: string };
}

/** Ids used as anchors: letters, digits, `_`, `-` and `.`, starting with a letter or digit. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Checks what both writers rely on: section and chart ids valid and unique, a confidence level in (0, 1), relative PNG names. */
export function checkReportInput(input: ReportInput): void {
  const unique = (what: string, ids: readonly string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (!ID.test(id)) throw new ReportError(`${what} id "${id}": use letters, digits, "_", "-" and "." (starting with a letter or digit)`);
      if (seen.has(id)) throw new ReportError(`${what} id "${id}" is used twice; ${what} ids must be unique`);
      seen.add(id);
    }
  };
  unique('section', input.sections.map((s) => s.id));
  unique('chart', input.charts.map((c) => c.id));
  for (const s of input.sections) {
    const dup = s.tables.map((t) => t.indicator).find((code, i, all) => all.indexOf(code) !== i);
    if (dup !== undefined) throw new ReportError(`section "${s.id}": table ${dup} is given twice`);
  }
  const level = input.methodology.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new ReportError(`methodology.level ${level}: a confidence level is between 0 and 1 (e.g. 0.95)`);
  for (const c of input.charts) {
    if (c.png !== undefined && (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(c.png) || /^[/\\]/.test(c.png) || c.png.split(/[/\\]/).includes('..') || c.png.trim() === '')) {
      throw new ReportError(`chart "${c.id}": png "${c.png}" must be a relative file name beside the report (no scheme, no absolute path, no "..")`);
    }
  }
}
