import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Diagram } from '../src/model/schema';
import { LIMITS } from '../src/model/schema';
import { serviceBomb, textBomb, trailingBomb } from '../src/share/fixtures/bombs';
import { generateDiagram } from '../src/share/fixtures/generate';
import { decodeLink, encodeLink, type DecodeStats } from '../src/share/link';

/** The largest diagram the schema accepts in its lists: every service, edge, note and fault there may be. */
function largestDiagram(): Diagram {
  const n = LIMITS.services;
  return Diagram.parse({
    name: 'Largest',
    services: Array.from({ length: n }, (_, i) => ({
      id: `s${i + 1}`,
      name: `Service ${i + 1}`,
      position: { x: (i % 50) * 240, y: Math.floor(i / 50) * 160 },
    })),
    edges: Array.from({ length: LIMITS.edges }, (_, i) => ({
      id: `e${i + 1}`,
      kind: (['sync', 'queue', 'topic', 'sync'] as const)[i % 4],
      from: `s${(i % n) + 1}`,
      to: `s${((i * 7 + 1 + Math.floor(i / n)) % n) + 1}`,
      message: `Message ${i % 100}`,
    })),
    notes: Array.from({ length: LIMITS.notes }, (_, i) => ({ id: `n${i + 1}`, text: `Note ${i}` })),
    faults: Array.from({ length: LIMITS.faults }, (_, i) => ({
      id: `f${i + 1}`,
      kind: 'slow',
      target: `s${i + 1}`,
      atMs: i * 10,
    })),
  });
}

/** A client calling a service: the smallest diagram worth a link. */
export function twoServices(): Diagram {
  return Diagram.parse({
    name: 'Two',
    services: [{ id: 's1', kind: 'client' }, { id: 's2' }],
    edges: [{ id: 'e1', kind: 'sync', from: 's1', to: 's2' }],
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The share CLI decoding `link` from stdin, in a fresh Node: wall seconds (start included) and peak memory. */
function cli(link: string): { seconds: number; maxRssMb: number; ok: boolean } {
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', tsx, 'src/cli/share.ts', '--decode', '-'], {
    input: link,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const [seconds, kb] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { seconds: seconds!, maxRssMb: Math.round(kb! / 1024), ok: r.status === 0 };
}

/** Decode time and memory of the bomb links and of the largest accepted links, in process and by the CLI. */
export function measureDecoding() {
  const cases: Array<[string, string]> = [
    // What Node and tsx take to start and print a tiny diagram: the floor of every CLI figure below.
    ['floor: a 2-service link (Node and tsx starting)', encodeLink(twoServices())],
    ['bomb: 3,000,000 services, under 8,000 characters', serviceBomb(3_000_000)],
    ['bomb: 10,000,000 services, at the 20 MB cap', serviceBomb(9_999_000)],
    ['bomb: 5,000,000 empty texts', textBomb(5_000_000)],
    ['bomb: empty diagram then 20 MB of zeros', trailingBomb(19_999_000)],
    ['generated 2,000 services', encodeLink(generateDiagram(2_000))],
    ['largest: 2,000 services, 10,000 edges, 1,000 notes and faults', encodeLink(largestDiagram())],
  ];
  return cases.map(([name, link]) => {
    const stats: DecodeStats = { inflatedBytes: 0 };
    const first = decodeLink(link, stats);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      decodeLink(link);
      times.push(performance.now() - started);
    }
    const run = cli(link);
    return {
      name,
      chars: link.length,
      opens: first.ok,
      inflatedBytes: stats.inflatedBytes,
      decodeMs: Number(median(times).toFixed(1)),
      cliSeconds: run.seconds,
      cliMaxRssMb: run.maxRssMb,
    };
  });
}
