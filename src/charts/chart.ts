/**
 * What a chart builder returns, the options every builder takes, and the assembly every chart shares: the title with
 * its notes, the alt text (Vega-Lite `description`, which vega writes as the SVG's aria-label), the theme and the
 * source line under the chart.
 */
import type { TopLevelSpec } from 'vega-lite';
import { THEME, sourceFooter, titleBlock } from './style.js';

/** A chart: a Vega-Lite spec with its title, its alt text, and how many suppressed cells it leaves out. */
export interface Chart {
  /** The chart kind (`pyramid`, `labour-rates`, ...; see CHART_KINDS in charts-for.ts). */
  readonly id: string;
  readonly title: string;
  /** Alt text: what the chart shows, with its main figures (also the spec's `description`). */
  readonly alt: string;
  /** Suppressed cells of the chart's domain left out of the drawing (the chart's note says so). */
  readonly suppressed: number;
  readonly spec: TopLevelSpec;
}

/** Options of every chart builder. */
export interface ChartOptions {
  /** The source line under the chart (`Source: Atlantis LFS 2024Q1, migstat estimates`); default `Source: migstat estimates, <area> <time>`. */
  readonly source?: string;
  /** Which migrant criterion to draw when the rows hold both (`birth`: CBR codes, `citizenship`: CCT codes); default birth when present. */
  readonly criterion?: 'birth' | 'citizenship';
  /** Confidence level of the rows' intervals, for the notes; default 0.95. */
  readonly level?: number;
}

/** A chart that cannot be built from the rows given (missing indicators, no drawable cell). */
export class ChartError extends Error {
  override readonly name = 'ChartError';
}

/** The parts of a chart that its builder makes; `assembleChart` adds the title block, theme and source line. */
export interface ChartParts {
  readonly id: string;
  readonly title: string;
  readonly alt: string;
  readonly notes: readonly string[];
  readonly suppressed: number;
  /** Cells drawn: none is an error (every cell suppressed or missing). */
  readonly drawn: number;
  readonly source: string;
  /** Width of the plotting area (the footer is laid out to it). */
  readonly width: number;
  /** The chart body: a Vega-Lite unit, layer or facet spec without title or config. */
  readonly body: Record<string, unknown>;
}

/** The whole Vega-Lite spec of a chart: title and notes above, the body, the source line below. */
export function assembleChart(parts: ChartParts): Chart {
  if (parts.drawn === 0) throw new ChartError(`chart ${parts.id}: no cell to draw (${parts.suppressed > 0 ? `all ${parts.suppressed} suppressed` : 'the indicators have no cell of the breakdown drawn'})`);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: parts.alt,
    title: titleBlock(parts.title, parts.notes),
    config: THEME,
    vconcat: [parts.body, sourceFooter([parts.source], parts.width)],
    spacing: 14,
    resolve: { legend: { color: 'independent', opacity: 'independent', strokeDash: 'independent' } },
  };
  return { id: parts.id, title: parts.title, alt: parts.alt, suppressed: parts.suppressed, spec: spec as unknown as TopLevelSpec };
}
