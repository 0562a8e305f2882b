import type { DesignChange } from '../../compare/index';

const attribute = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/**
 * Outlines on B's canvas what B changes or adds: a stylesheet keyed by the cards' and edges' test ids,
 * so the canvas itself draws nothing more (and a cached node is not re-rendered for it).
 */
export function DifferenceMarks({ changes }: { changes: readonly DesignChange[] }) {
  const marked = changes.filter((c) => c.change !== 'removed');
  if (!marked.length) return null;
  const rules = marked.map((c) =>
    c.element === 'service'
      ? `[data-testid="service-${attribute(c.id)}"] { outline: 3px dashed var(--compare-mark); outline-offset: 4px; }`
      : `.react-flow__edge[data-id="${attribute(c.id)}"] .kedge { filter: drop-shadow(0 0 3px var(--compare-mark)) drop-shadow(0 0 2px var(--compare-mark)); }\n` +
        `[data-testid="edge-label-${attribute(c.id)}"] { outline: 2px dashed var(--compare-mark); outline-offset: 2px; }`,
  );
  return <style data-testid="difference-marks">{rules.join('\n')}</style>;
}
