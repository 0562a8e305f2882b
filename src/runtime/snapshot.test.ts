import { describe, expect, it } from 'vitest';
import { Immutable, restoreGraph, snapshotGraph } from './snapshot';

class Job {
  constructor(
    public name: string,
    public startedAt: number,
    public next: Job | null = null,
  ) {}
}

class History extends Immutable {
  constructor(readonly values: number[]) {
    super();
  }
}

/** A small run-like graph: class instances in a cycle, containers, typed arrays, history and code. */
function graph() {
  const first = new Job('first', 1);
  const second = new Job('second', 2, first);
  first.next = second;
  const registry = { handle: () => 1 };
  return {
    jobs: [first, second],
    byName: new Map([
      ['first', first],
      ['second', second],
    ]),
    busy: new Set([second]),
    counts: new Float64Array(100),
    history: new History([1, 2, 3]),
    registry,
    frozen: Object.freeze({ limit: 3 }),
    now: 10,
  };
}

describe('graph snapshots (engine checkpoints)', () => {
  it('puts the same objects back as they were, however they changed since', () => {
    const root = graph();
    const [first, second] = root.jobs as [Job, Job];
    root.counts[3] = 7;
    const snapshot = snapshotGraph(root, new Set([root.registry]), true);

    first.name = 'renamed';
    first.next = null;
    root.jobs.push(new Job('third', 3));
    root.byName.delete('second');
    root.busy.clear();
    root.counts.fill(9);
    root.now = 99;
    root.history = new History([]);

    const back = restoreGraph(snapshot);
    expect(back).toBe(root);
    expect(root.jobs).toEqual([first, second]);
    expect(root.jobs[0]).toBe(first);
    expect(first).toEqual(new Job('first', 1, second));
    expect(first.next).toBe(second);
    expect(second.next).toBe(first);
    expect([...root.byName.keys()]).toEqual(['first', 'second']);
    expect(root.byName.get('second')).toBe(second);
    expect([...root.busy]).toEqual([second]);
    // Trimmed of its trailing zeros when taken, whole again when restored.
    expect(Array.from(root.counts)).toEqual(Array.from({ length: 100 }, (_, i) => (i === 3 ? 7 : 0)));
    expect(root.now).toBe(10);
    expect(root.history.values).toEqual([1, 2, 3]);
  });

  it('restores the same snapshot again and again: restoring never changes it', () => {
    const root = graph();
    const snapshot = snapshotGraph(root, new Set());
    for (let i = 0; i < 3; i++) {
      root.jobs[0]!.startedAt = 50 + i;
      root.counts[0] = i + 1;
      restoreGraph(snapshot);
      expect(root.jobs[0]!.startedAt).toBe(1);
      expect(root.counts[0]).toBe(0);
    }
  });

  it('keeps code, history and frozen objects by reference, without copying their contents', () => {
    const root = graph();
    const snapshot = snapshotGraph(root, new Set([root.registry]));
    expect(snapshot.objects).not.toContain(root.registry);
    expect(snapshot.objects).not.toContain(root.history);
    expect(snapshot.objects).not.toContain(root.frozen);
    expect(snapshot.objects).toContain(root.jobs[1]);
  });

  it('refuses an object whose fields changed since, rather than restoring it wrongly', () => {
    const root = graph();
    const snapshot = snapshotGraph(root, new Set());
    (root.jobs[0] as Job & { extra?: number }).extra = 1;
    expect(() => restoreGraph(snapshot)).toThrow('A Job gained or lost fields since the checkpoint.');
  });

  it('copies a buffer read through two views once, and puts all of it back', () => {
    const buffer = new ArrayBuffer(64 * 8);
    const ring = { doubles: new Float64Array(buffer), words: new Int32Array(buffer) };
    ring.doubles[3] = 1.5;
    ring.words[1] = 7;
    const snapshot = snapshotGraph(ring, new Set());
    const copies = snapshot.contents.filter((c) => ArrayBuffer.isView(c));
    expect(copies).toHaveLength(1);
    ring.doubles[3] = -2;
    ring.words[1] = 9;
    ring.words[100] = 4;
    restoreGraph(snapshot);
    expect([ring.doubles[3], ring.words[1], ring.words[100]]).toEqual([1.5, 7, 0]);
  });
});
