import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../scenarios';
import { decodeLink, encodeLink } from './link';

/** Base64url's alphabet: what a changed character of a link can become. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('a link altered in one character', () => {
  // A changed byte can make the codec read a huge count (more triggers, services… than a diagram
  // may have) before the checksum is reached: that is a damaged link, not an invalid diagram.
  it('is reported damaged (or incomplete), never as a diagram with problems, at every position', () => {
    const diagram = SCENARIOS[0]!.diagram;
    const link = encodeLink(diagram);
    const body = link.indexOf('.') + 1;
    const said = new Map<string, number>();
    for (let i = body; i < link.length; i++) {
      for (const step of [1, 17, 40]) {
        const to = ALPHABET[(ALPHABET.indexOf(link[i]!) + step) % ALPHABET.length]!;
        const result = decodeLink(link.slice(0, i) + to + link.slice(i + 1));
        const code = result.ok ? 'opened' : result.error.code;
        said.set(code, (said.get(code) ?? 0) + 1);
        // The last character's low bits carry no byte: changing only them opens the same diagram.
        if (result.ok) expect(result.diagram, `character ${i} changed to ${to}`).toEqual(diagram);
        else if (code === 'invalid-diagram')
          expect.fail(`character ${i} changed to ${to}: ${result.error.message}`);
      }
    }
    expect(said.get('corrupt')).toBeGreaterThan(0);
  });
});
