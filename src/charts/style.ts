/**
 * The look shared by every chart: the Okabe-Ito palette (Okabe and Ito 2008, "Color Universal Design": eight colours
 * told apart under the common colour-vision deficiencies), the DejaVu Sans theme, how reliability is marked, and the
 * title block with its notes and the source line under the chart.
 */
import type { Reliability } from '../indicators/cell.js';

/** The Okabe-Ito palette, by name (hex values of Okabe and Ito 2008). */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Migrants in vermillion, non-migrants in blue (Okabe-Ito): the pair stays distinct in protan, deutan and tritan vision. */
export const MIGRANT_COLOURS = { migrant: OKABE_ITO.vermillion, nonMigrant: OKABE_ITO.blue } as const;

/** The single colour of charts that show migrants only (Okabe-Ito bluish green). */
export const SINGLE_COLOUR = OKABE_ITO.bluishGreen;

/** Sequential ramp of the world map: white to Okabe-Ito blue (one hue, so lightness alone carries the value). */
export const MAP_RAMP: readonly string[] = ['#EAF3FA', OKABE_ITO.blue];

/** The font of every chart; render.ts gives resvg the DejaVu Sans files. */
export const FONT = 'DejaVu Sans';

/** Reliability levels in legend order, with their legend labels. */
export const RELIABILITY_LEVELS: readonly Reliability[] = ['reliable', 'less-reliable', 'unreliable'];
export const RELIABILITY_LABELS: Readonly<Record<Reliability, string>> = {
  reliable: 'Reliable',
  'less-reliable': 'Less reliable',
  unreliable: 'Unreliable',
};
const RELIABILITY_LEGEND = RELIABILITY_LABELS.reliable + '|' + RELIABILITY_LABELS['less-reliable'] + '|' + RELIABILITY_LABELS.unreliable;

/** Opacity by reliability: full, lighter, nearly hollow (an outline layer keeps the shape in the series colour). */
export const RELIABILITY_OPACITY: readonly number[] = [1, 0.45, 0.12];

/**
 * The `opacity` channel that marks less-reliable and unreliable cells, with its legend (field `reliability_label`).
 * Vega-Lite draws no legend for `fillOpacity`, so bars and points pair this with an outline layer (`outlineLayer`).
 */
export function reliabilityOpacity(): Record<string, unknown> {
  return {
    field: 'reliability_label', type: 'ordinal', title: 'Reliability',
    scale: { domain: RELIABILITY_LEGEND.split('|'), range: RELIABILITY_OPACITY },
    legend: { symbolType: 'square', symbolStrokeColor: '#333', symbolStrokeWidth: 1, symbolFillColor: '#333' },
  };
}

/** An unfilled copy of a bar or point layer in full colour, so that a light (unreliable) mark keeps a visible outline. */
export function outlineLayer(mark: Record<string, unknown>, encoding: Record<string, unknown>): Record<string, unknown> {
  const rest = Object.fromEntries(Object.entries(encoding).filter(([k]) => k !== 'opacity' && k !== 'tooltip'));
  return { mark: { ...mark, filled: false, strokeWidth: 1 }, encoding: rest };
}

/** Outline dash by reliability, for marks whose fill carries a value (the map): solid, dashed, dotted. */
export function reliabilityDash(): Record<string, unknown> {
  return {
    field: 'reliability_label', type: 'ordinal', title: 'Reliability',
    scale: { domain: RELIABILITY_LEGEND.split('|'), range: [[1, 0], [4, 2], [1, 2]] },
    legend: { symbolType: 'stroke', symbolStrokeWidth: 2 },
  };
}

/** The chart theme (Vega-Lite config): DejaVu Sans throughout, quiet axes, legends on the right. */
export const THEME: Readonly<Record<string, unknown>> = {
  font: FONT,
  background: 'white',
  padding: 12,
  view: { stroke: null },
  title: { anchor: 'start', fontSize: 15, fontWeight: 'bold', subtitleFontSize: 11, subtitleColor: '#333', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', gridColor: '#e4e4e4', domainColor: '#888', tickColor: '#888' },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'bold', orient: 'right', labelLimit: 260 },
  header: { labelFontSize: 12, labelFontWeight: 'bold', titleFontSize: 12 },
};

/** The title block: the title, then the notes (left-out cells, reliability marks) as subtitle lines. */
export function titleBlock(title: string, notes: readonly string[]): Record<string, unknown> {
  return notes.length > 0 ? { text: title, subtitle: [...notes] } : { text: title };
}

/** The footer view: the source line(s) as left-aligned text under the chart. */
export function sourceFooter(lines: readonly string[], width: number): Record<string, unknown> {
  return {
    width, height: 14 * lines.length,
    data: { values: lines.map((line, i) => ({ line, i })) },
    mark: { type: 'text', align: 'left', baseline: 'top', fontSize: 10, color: '#444' },
    encoding: { text: { field: 'line', type: 'nominal' }, x: { value: 0 }, y: { field: 'i', type: 'ordinal', axis: null } },
  };
}
