import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkoutExample } from '../scenarios/checkout';
import { exportDiagramJson } from '../share/json';
import { decodeLink, encodeLink, LINK_FORMAT } from '../share/link';
import { runShare } from './share';

const files: Record<string, string> = {
  'checkout.json': exportDiagramJson(checkoutExample),
  'broken.json': '{ "services": [ }',
  'deep.json': `{"version":${'['.repeat(5_000)}5${']'.repeat(5_000)}}`,
  'bad-ref.json': JSON.stringify({
    services: [{ id: 'a' }],
    edges: [{ id: 'e', kind: 'sync', from: 'a', to: 'pay' }],
  }),
};
const read = (path: string) => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
  return text;
};

describe('npm run share', () => {
  it('prints the fragment of a diagram file', () => {
    const r = runShare(['checkout.json'], read);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`#${encodeLink(checkoutExample)}\n`);
    expect(decodeLink(r.stdout.trim())).toMatchObject({
      ok: true,
      diagram: checkoutExample,
      autoplay: false,
    });
  });

  it('--autoplay and --base', () => {
    const r = runShare(['checkout.json', '--autoplay', '--base', 'https://x.org/app/'], read);
    expect(r.stdout.startsWith(`https://x.org/app/#m${LINK_FORMAT}.`)).toBe(true);
    expect(decodeLink(r.stdout.trim())).toMatchObject({ ok: true, autoplay: true });
  });

  it('--decode prints the diagram JSON', () => {
    const r = runShare(['--decode', `https://x.org/#${encodeLink(checkoutExample)}`], read);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(exportDiagramJson(checkoutExample));
  });

  it('bad links give the app’s messages and exit 1', () => {
    const link = encodeLink(checkoutExample);
    expect(runShare(['--decode', link.slice(0, 100)], read)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('This link is incomplete — it may have been cut off'),
    });
    const next = LINK_FORMAT + 1;
    expect(runShare(['--decode', link.replace(/^m\d+\./, `m${next}.`)], read)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`made by a newer Microsim (link format ${next})`),
    });
    expect(runShare(['--decode', `https://x.org/#${link.slice(0, 200)}…`], read)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('This link is incomplete'),
    });
  });

  it('--decode - reads the link from standard input', () => {
    const link = `https://x.org/#${encodeLink(checkoutExample)}\n`;
    const r = runShare(['--decode', '-'], read, () => link);
    expect(r).toEqual({ code: 0, stdout: exportDiagramJson(checkoutExample), stderr: '' });
    // Through a real pipe, as a link longer than a command line takes (128 KiB) has to come.
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const piped = spawnSync(tsx, ['src/cli/share.ts', '--decode', '-'], { input: link, encoding: 'utf8' });
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe(exportDiagramJson(checkoutExample));
  });

  it('--decode opens links of the first format', () => {
    const v1 = JSON.parse(
      readFileSync(join(import.meta.dirname, '../share/fixtures/links-v1.json'), 'utf8'),
    ) as { links: Array<{ link: string; diagram: { name: string } }> };
    const fixture = v1.links[1]!;
    expect(fixture.link.startsWith('m1.')).toBe(true);
    const r = runShare(['--decode', fixture.link], read);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: fixture.diagram.name });
  });

  it('bad files say what and where', () => {
    expect(runShare(['broken.json'], read)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('line 1, column 17'),
    });
    expect(runShare(['bad-ref.json'], read)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('edges[0].to: no service with id "pay"'),
    });
    expect(runShare(['nope.json'], read)).toMatchObject({ code: 1, stderr: 'nope.json: no such file\n' });
    // Nested 5,000 lists deep: how deep, not a stack overflow.
    expect(runShare(['deep.json'], read)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        'version: nests lists and objects 5,001 levels deep; at most 64 levels are allowed',
      ),
    });
  });

  it('bad usage exits 2', () => {
    expect(runShare([], read).code).toBe(2);
    expect(runShare(['--decode'], read).code).toBe(2);
    expect(runShare(['a.json', '--what'], read).code).toBe(2);
  });
});
