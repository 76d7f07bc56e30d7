/**
 * The layers most charts share: horizontal bars (or points) coloured by series, made lighter when less reliable, with
 * an outline in full colour and a confidence interval rule (fields `low`/`high`).
 */
import { outlineLayer, reliabilityOpacity } from './style.js';

/** What a bar or point layer set draws: its channels, and whether it has interval fields `low`/`high`. */
export interface IntervalLayerOptions {
  /** The y channel (categories). */
  readonly y: Record<string, unknown>;
  /** The yOffset channel (series side by side within a category), if any. */
  readonly yOffset?: Record<string, unknown>;
  /** The x channel (the value). */
  readonly x: Record<string, unknown>;
  /** The colour channel, or a fixed colour. */
  readonly color: Record<string, unknown>;
  readonly tooltip: readonly Record<string, unknown>[];
  /** Draw the interval rule from `low` to `high`. */
  readonly interval: boolean;
  /** `bar` (default) or `point` (a filled circle). */
  readonly mark?: 'bar' | 'point';
}

/** Bars or points with reliability opacity, their full-colour outline, and the interval rule. */
export function intervalLayers(o: IntervalLayerOptions): Record<string, unknown>[] {
  const place = { y: o.y, ...(o.yOffset ? { yOffset: o.yOffset } : {}) };
  const mark = o.mark === 'point' ? { type: 'point', filled: true, size: 70, shape: 'circle' } : { type: 'bar' };
  const encoding = { ...place, x: o.x, color: o.color, opacity: reliabilityOpacity(), tooltip: o.tooltip };
  const rule = { mark: { type: 'rule', color: '#222', strokeWidth: 1 }, encoding: { ...place, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } };
  const marks = [{ mark, encoding }, outlineLayer(mark, encoding)];
  return o.interval ? (o.mark === 'point' ? [rule, ...marks] : [...marks, rule]) : marks;
}

/** A vertical rule at x = 0 (its own one-row data). */
export function zeroRule(): Record<string, unknown> {
  return { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#222' }, encoding: { x: { field: 'zero', type: 'quantitative' } } };
}
