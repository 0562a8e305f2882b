import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseRoute } from '../src/app/links';
import { PRESENTER_ROUTE } from '../src/workshop/presenterRoute';
import { type BuiltBundle, linkStartFiles, preloadScript } from './linkPreload';

const chunk = (fileName: string, moduleIds: string[], imports: string[] = [], isEntry = false) => ({
  type: 'chunk' as const,
  fileName,
  isEntry,
  moduleIds,
  imports,
});

/** A build shaped like ours: the page's scripts, the two start chunks and what they share. */
const bundle: BuiltBundle = {
  'assets/runtime.js': chunk('assets/runtime.js', ['/x/runtime.js']),
  'assets/first-screen.js': chunk(
    'assets/first-screen.js',
    ['/x/src/app/main.tsx'],
    ['assets/runtime.js'],
    true,
  ),
  'assets/link.js': chunk(
    'assets/link.js',
    ['/x/src/share/link.ts'],
    ['assets/first-screen.js', 'assets/bytes.js'],
  ),
  'assets/bytes.js': chunk('assets/bytes.js', ['/x/src/share/bytes.ts'], ['assets/runtime.js']),
  'assets/persistenceChunk.js': chunk(
    'assets/persistenceChunk.js',
    ['/x/src/app/persistenceChunk.ts'],
    ['assets/bytes.js', 'assets/schema.js'],
  ),
  'assets/schema.js': chunk('assets/schema.js', ['/x/src/model/schema.ts']),
  'assets/charts.js': chunk('assets/charts.js', ['/x/src/panels/charts.ts'], ['assets/schema.js']),
  'assets/style.css': { type: 'asset' },
};

/** The files the preload script asks for when the page's address has `hash`. */
function preloadedFor(hash: string, files: string[]): string[] {
  const appended: string[] = [];
  const document = {
    baseURI: 'https://example.test/app/',
    createElement: () => ({ rel: '', href: '' }),
    head: { appendChild: (link: { rel: string; href: string }) => appended.push(`${link.rel} ${link.href}`) },
  };
  runInNewContext(preloadScript(files), { location: { hash }, document, URL });
  return appended;
}

describe('the link preload', () => {
  it('asks for what the link codec and the storage code import, not what the page already loads', () => {
    expect(linkStartFiles(bundle)).toEqual([
      'assets/bytes.js',
      'assets/link.js',
      'assets/persistenceChunk.js',
      'assets/schema.js',
    ]);
  });

  it('fails the build, saying what to update, when a start module is no longer in any chunk', () => {
    const { ['assets/link.js']: _, ...withoutCodec } = bundle;
    expect(() => linkStartFiles(withoutCodec)).toThrow(/src\/share\/link\.ts.*LINK_START_MODULES/);
  });

  it('preloads exactly when the app opens a link (as parseRoute reads the address)', () => {
    const files = ['assets/link.js'];
    for (const hash of ['', '#', '#/', '#m1.abc', '#/m1.abc', '#/embed/m1.abc', PRESENTER_ROUTE]) {
      const opensLink = parseRoute(hash).link !== null && hash !== PRESENTER_ROUTE;
      expect(preloadedFor(hash, files), hash).toEqual(
        opensLink ? ['modulepreload https://example.test/app/assets/link.js'] : [],
      );
    }
  });
});
