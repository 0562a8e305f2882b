import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** One script of the first screen: its file, its gzipped size, and its largest modules. */
export interface InitialChunk {
  file: string;
  gzipBytes: number;
  /** The modules with the most code in it (rendered bytes, before gzip), largest first. */
  largest: { module: string; renderedBytes: number }[];
}

/** The part of a built chunk this report reads (rollup's and rolldown's OutputChunk have it). */
interface ChunkLike {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  imports: string[];
  modules: Record<string, { renderedLength: number }>;
}

/**
 * The scripts the page loads before it can draw anything: the scripts index.html names (`html`;
 * its `<script>` and `<link rel="modulepreload">`s) or, without it, the entry chunks, and
 * transitively what they import statically. What is loaded with `import()` is not counted; workers
 * are built apart and not counted either.
 */
export function initialChunks(
  bundle: Record<string, ChunkLike | { type: 'asset' }>,
  read: (file: string) => Uint8Array,
  html?: string,
): InitialChunk[] {
  const chunks = new Map<string, ChunkLike>();
  for (const item of Object.values(bundle)) if (item.type === 'chunk') chunks.set(item.fileName, item);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !chunks.has(file)) return;
    seen.add(file);
    for (const next of chunks.get(file)!.imports) visit(next);
  };
  const named = html ? [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]!) : [];
  for (const file of named) visit(file);
  if (named.length === 0) for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
  return [...seen]
    .map((file) => {
      const chunk = chunks.get(file)!;
      const largest = Object.entries(chunk.modules)
        .map(([module, info]) => ({ module: shortModule(module), renderedBytes: info.renderedLength }))
        .sort((a, b) => b.renderedBytes - a.renderedBytes)
        .slice(0, 3);
      return { file, gzipBytes: gzipSync(read(file)).length, largest };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

/** A module's id, shorter: the package of a dependency, the path from src/ of our own code. */
function shortModule(id: string): string {
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(id);
  if (dependency) return `${dependency[1]}/${dependency[2]}`;
  const own = id.indexOf('/src/');
  return own >= 0 ? id.slice(own + 1) : id;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The report as text: the total first, then one line per script with its largest modules. */
export function formatInitialJs(chunks: InitialChunk[]): string {
  const total = chunks.reduce((sum, c) => sum + c.gzipBytes, 0);
  const lines = [
    `Initial JS (loaded before the first draw): ${kb(total)} gzipped in ${chunks.length} scripts (target ≤ 180 kB)`,
    '',
  ];
  for (const c of chunks) {
    const largest = c.largest.map((m) => `${m.module} ${kb(m.renderedBytes)}`).join(', ');
    lines.push(`${kb(c.gzipBytes).padStart(9)}  ${c.file}  (largest, raw: ${largest})`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `npm run build:report`'s summary of the first screen's JavaScript: printed after the build and
 * written to `file` (bench/out/initial-js.txt). Sizes are of the files written, gzipped at zlib's
 * default level, as bench:open counts them, in kB of 1,000 bytes.
 */
export function initialJsReport(file: string): Plugin {
  return {
    name: 'microsim-initial-js',
    apply: 'build',
    enforce: 'post',
    writeBundle(options, bundle) {
      const read = (name: string) => readFileSync(join(options.dir ?? 'dist', name));
      const html = new TextDecoder().decode(read('index.html'));
      const text = formatInitialJs(initialChunks(bundle as unknown as Record<string, ChunkLike>, read, html));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      this.info(`\n${text}`);
    },
  };
}
