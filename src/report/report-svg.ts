/**
 * A chart's SVG made fit to sit inline in the HTML report: the XML declaration and doctype dropped; refused when it
 * has anything that runs or reaches outside the file (scripts, event handlers, foreignObject, CSS imports, links and
 * url() references other than `#fragment` and data: images), so the report stays self-contained and opens offline;
 * its ids prefixed with the chart's id, so that two charts' `clip1` or gradients do not collide in one document; and
 * its root given role="img" with the chart's alt text as aria-label; xmlns declarations dropped (the HTML parser puts
 * inline <svg> in the SVG namespace itself), so the report holds no URL at all.
 */
import { ReportError } from './report-model.js';

/** Escapes text for HTML text and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** References allowed in href and url(): a fragment of the same document, or an inline raster or SVG image. */
const LOCAL_REF = /^\s*(#|data:image\/(png|jpeg|gif|webp|svg\+xml)[;,])/i;

/** The reason an SVG is refused, or undefined when it is safe to inline. */
function refusal(svg: string): string | undefined {
  if (/<script\b/i.test(svg)) return 'it has a <script> element';
  if (/<foreignObject\b/i.test(svg)) return 'it has a <foreignObject> element';
  if (/<(iframe|object|embed|link|meta|base)\b/i.test(svg)) return 'it has an element that loads other content';
  if (/<[^>]*\son[a-z]+\s*=/i.test(svg)) return 'it has an event handler attribute (on...)';
  if (/@import\b/i.test(svg)) return 'its CSS has an @import';
  for (const m of svg.matchAll(/\s(?:xlink:)?href\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
    const ref = m[2] ?? m[3] ?? '';
    if (!LOCAL_REF.test(ref)) return `it links to "${ref.slice(0, 80)}" (only #fragments and data: images are allowed)`;
  }
  for (const m of svg.matchAll(/url\(\s*(['"]?)([^)'"]*)\1\s*\)/gi)) {
    if (!LOCAL_REF.test(m[2]!)) return `it references url(${m[2]!.slice(0, 80)}) (only #fragments and data: images are allowed)`;
  }
  return undefined;
}

/** The SVG markup of a chart ready to inline (module doc); throws a ReportError naming the chart when it is refused. */
export function inlineSvg(svg: string, chartId: string, alt: string): string {
  const body = svg.trim().replace(/^<\?xml[^>]*\?>\s*/i, '').replace(/^<!DOCTYPE[^>]*>\s*/i, '');
  if (!/^<svg[\s>]/i.test(body) || !/<\/svg>$/i.test(body)) throw new ReportError(`chart "${chartId}": the svg is not one <svg> element`);
  const why = refusal(body);
  if (why !== undefined) throw new ReportError(`chart "${chartId}": its SVG cannot be inlined in a self-contained report: ${why}`);
  const ids = new Set([...body.matchAll(/\sid\s*=\s*("([^"]*)"|'([^']*)')/g)].map((m) => m[2] ?? m[3]!));
  const prefix = (id: string) => (ids.has(id) ? `${chartId}-${id}` : id);
  const renamed = body
    .replace(/\sxmlns(:[\w-]+)?\s*=\s*("[^"]*"|'[^']*')/g, '')
    .replace(/(\sid\s*=\s*)("([^"]*)"|'([^']*)')/g, (_, a: string, _q: string, d?: string, s?: string) => `${a}"${escapeHtml(prefix(d ?? s!))}"`)
    .replace(/(\s(?:xlink:)?href\s*=\s*)("#([^"]*)"|'#([^']*)')/g, (_, a: string, _q: string, d?: string, s?: string) => `${a}"#${escapeHtml(prefix(d ?? s!))}"`)
    .replace(/url\(\s*(['"]?)#([^)'"]*)\1\s*\)/g, (_, _q: string, id: string) => `url(#${prefix(id)})`);
  const rootEnd = renamed.indexOf('>');
  const root = renamed.slice(0, rootEnd).replace(/\s(role|aria-label|aria-labelledby|aria-describedby)\s*=\s*("[^"]*"|'[^']*')/gi, '');
  return `${root} role="img" aria-label="${escapeHtml(alt)}"${renamed.slice(rootEnd)}`;
}
