import type { Diagram } from '../model/schema';
import { parseDiagram, type DiagramError } from '../model/parse';
import { encodeLink } from './link';
import { COMPARISON_FORMAT, packVariantDiff } from './variantDiff';

/** The fragment payload (without '#') of a comparison: A as an ordinary link, B as its difference from A. */
export function encodeComparisonLink(a: Diagram, b: Diagram): string {
  return `c${COMPARISON_FORMAT}.${encodeLink(a)}.${packVariantDiff(a, b)}`;
}

/** A comparison as one JSON file: both diagrams whole, so any tool can read them. */
export function comparisonJson(a: Diagram, b: Diagram): string {
  return `${JSON.stringify({ microsimComparison: COMPARISON_FORMAT, a, b }, null, 2)}\n`;
}

/**
 * A comparison file (comparisonJson's shape) read back: both diagrams validated, each problem with
 * its path; null when the text is not a comparison file at all (an ordinary diagram file).
 */
export function readComparisonJson(
  text: string,
): { ok: true; a: Diagram; b: Diagram } | { ok: false; message: string; errors: DiagramError[] } | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (raw === null || typeof raw !== 'object' || !Object.hasOwn(raw, 'microsimComparison')) return null;
  const file = raw as { a?: unknown; b?: unknown };
  const a = parseDiagram(file.a);
  const b = parseDiagram(file.b);
  if (a.ok && b.ok) return { ok: true, a: a.diagram, b: b.diagram };
  const errors = [
    ...(a.ok ? [] : a.errors.map((e) => ({ ...e, path: `a.${e.path}` }))),
    ...(b.ok ? [] : b.errors.map((e) => ({ ...e, path: `b.${e.path}` }))),
  ];
  return { ok: false, message: 'This comparison file holds a diagram that is not valid.', errors };
}
