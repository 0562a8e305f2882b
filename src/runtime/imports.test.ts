import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The engine's modules import each other without a loop: behaviours call the core's verbs and the
 * core calls behaviours only through the registries (see behaviours.ts), so a behaviour importing
 * another, or the core importing a behaviour, shows up here as a cycle. Type-only imports are erased
 * and don't count (entities, messages, channels and saga state describe each other's types).
 */
const dir = new URL('.', import.meta.url).pathname;

/** The runtime modules each runtime module imports at run time (not `import type`, not only types). */
function valueImports(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const source = readFileSync(join(dir, file), 'utf8');
    const targets: string[] = [];
    for (const m of source.matchAll(/^import\s+(type\s+)?(?:([\s\S]*?)\s+from\s+)?'\.\/([\w.]+)';/gm)) {
      const [, typeOnly, clause = '', target] = m;
      if (typeOnly) continue;
      // `{ type A, type B }` imports only types.
      const names = clause
        .replace(/[{}]/g, '')
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
      if (names.length > 0 && names.every((n) => n.startsWith('type '))) continue;
      targets.push(`${target}.ts`);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Every import cycle, each as the path that closes it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      found.push([...path.slice(path.indexOf(file)), file]);
      return;
    }
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file);
  return found;
}

describe('runtime module structure', () => {
  it('has no import cycle', () => {
    expect(cycles(valueImports()).map((c) => c.join(' → '))).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('sees the behaviours import the core, not each other', () => {
    const graph = valueImports();
    const behaviours = ['sync.ts', 'queue.ts', 'topic.ts', 'saga.ts', 'client.ts', 'faultKinds.ts'];
    for (const b of behaviours)
      expect(
        graph.get(b)!.filter((t) => behaviours.includes(t)),
        `${b} imports another behaviour`,
      ).toEqual([]);
  });
});
