import { describe, expect, it } from 'vitest';
import { figureRow } from './figures';
import type { ClientComparison } from './types';
import { verdictLine } from './verdict';

const client = (name: string, ...rows: ReturnType<typeof figureRow>[]): ClientComparison => ({
  id: name,
  name,
  rows,
});

describe('verdictLine', () => {
  it('tells only B losses when B is worse, naming each client', () => {
    const line = verdictLine(
      [
        client('Web', figureRow('latency.p50', 'Latency p50', 'ms', 'lower', 12, 96)),
        client('Mobile', figureRow('success', 'Success rate', 'share', 'higher', 1, 0.5)),
      ],
      [],
      false,
    );
    expect(line).toBe(
      'B gives Mobile 50 % success overall (A: 100 %) and answers Web in 96 ms instead of 12 ms at p50.',
    );
  });

  it('leaves out differences too small to matter, and says what "small" means', () => {
    const line = verdictLine(
      [
        client(
          'Web',
          figureRow('latency.p50', 'Latency p50', 'ms', 'lower', 100, 104),
          figureRow('success', 'Success rate', 'share', 'higher', 0.995, 0.999),
          figureRow('throughput', 'Throughput', 'perSecond', 'higher', 2, 2.02),
        ),
      ],
      [figureRow('duplicates', 'Duplicate side effects', 'count', 'lower', 0, 0)],
      false,
    );
    expect(line).toMatch(/^No figure differs noticeably between A and B \(success within 1 point/);
  });

  it('tells p95 only when neither p50 nor p99 is told', () => {
    const rows = [
      figureRow('latency.p50', 'Latency p50', 'ms', 'lower', 50, 50),
      figureRow('latency.p95', 'Latency p95', 'ms', 'lower', 400, 200),
      figureRow('latency.p99', 'Latency p99', 'ms', 'lower', 500, 500),
    ];
    expect(verdictLine([client('Web', ...rows)], [], false)).toBe(
      'B answers Web in 200 ms instead of 400 ms at p95.',
    );
    rows[2] = figureRow('latency.p99', 'Latency p99', 'ms', 'lower', 900, 300);
    expect(verdictLine([client('Web', ...rows)], [], false)).toBe(
      'B answers Web in 300 ms instead of 900 ms at p99.',
    );
  });

  it('tells duplicates and stuck sagas of the whole diagram', () => {
    const line = verdictLine(
      [],
      [
        figureRow('duplicates', 'Duplicate side effects', 'count', 'lower', 12, 0),
        figureRow('sagas.stuck', 'Sagas stuck', 'count', 'lower', 0, 2),
      ],
      false,
    );
    expect(line).toBe(
      'B makes 0 duplicate side effects instead of 12, but leaves 2 sagas stuck instead of 0.',
    );
  });
});
