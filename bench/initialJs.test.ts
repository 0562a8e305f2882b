import { describe, expect, it } from 'vitest';
import { formatInitialJs, initialChunks } from './initialJs';

const chunk = (fileName: string, imports: string[], isEntry = false) => ({
  type: 'chunk' as const,
  fileName,
  isEntry,
  imports,
  modules: { [`/repo/src/${fileName}.ts`]: { renderedLength: 10 } },
});

describe('initialChunks', () => {
  it('counts the entry and what it imports statically, never what loads with import()', () => {
    const bundle = {
      'index.js': chunk('index.js', ['react.js', 'store.js'], true),
      'react.js': chunk('react.js', []),
      'store.js': chunk('store.js', ['react.js']),
      'ShareDialog.js': chunk('ShareDialog.js', ['link.js']),
      'link.js': chunk('link.js', []),
      'style.css': { type: 'asset' as const },
    };
    const files = initialChunks(bundle, (file) => new TextEncoder().encode(file.repeat(50)));
    expect(files.map((f) => f.file).sort()).toEqual(['index.js', 'react.js', 'store.js']);
    const store = files.find((f) => f.file === 'store.js')!;
    expect(store.largest).toEqual([{ module: 'src/store.js.ts', renderedBytes: 10 }]);
    expect(store.gzipBytes).toBeGreaterThan(0);
    const named = initialChunks(bundle, () => new Uint8Array(10), '<script src="./store.js"></script>');
    expect(named.map((f) => f.file).sort()).toEqual(['react.js', 'store.js']);
    const text = formatInitialJs(files);
    expect(text.split('\n')[0]).toMatch(
      /^Initial JS \(loaded before the first draw\): \d+\.\d kB gzipped in 3 scripts/,
    );
  });
});
