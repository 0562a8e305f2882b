import { describe, expect, it } from 'vitest';
import { argumentsOf, fileOrError } from './flags';

describe('command-line arguments', () => {
  it('reads --flag value and --flag=value alike, a value being consumed once', () => {
    const seen: Array<[string, string | undefined]> = [];
    for (const arg of argumentsOf(['a.json', '--seed', '3', '--until=60s', '--json', 'b.json'])) {
      seen.push([arg.flag, arg.flag === '--json' || !arg.flag.startsWith('--') ? undefined : arg.value()]);
    }
    expect(seen).toEqual([
      ['a.json', undefined],
      ['--seed', '3'],
      ['--until', '60s'],
      ['--json', undefined],
      ['b.json', undefined],
    ]);
  });

  it('says what is wrong with an argument no option claims', () => {
    const [unknown, second] = [...argumentsOf(['--nope', 'b.json'])];
    expect(fileOrError(unknown!, undefined, 'USAGE')).toEqual({ error: 'unknown option --nope\nUSAGE' });
    expect(fileOrError(second!, 'a.json', 'USAGE')).toEqual({
      error: 'only one diagram file, got "a.json" and "b.json"\nUSAGE',
    });
    expect(fileOrError(second!, undefined, 'USAGE')).toEqual({ file: 'b.json' });
  });
});
