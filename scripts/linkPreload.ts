import type { Plugin } from 'vite';
import { PRESENTER_ROUTE } from '../src/workshop/presenterRoute.ts';

/**
 * Opening a link loads the link codec and the storage code before the first draw (src/app/main.tsx),
 * with `import()` once the first script has run: on this machine they were requested about 120 ms
 * after the page, and waited for. This plugin adds a few lines to the built index.html that, when the
 * address holds a link, ask for those scripts at once (`<link rel="modulepreload">`), alongside the
 * first script instead of after it. A page without a link fetches nothing more.
 */

/** The modules a link's opening imports before its first draw (main.tsx), by the end of their path. */
export const LINK_START_MODULES = ['/src/share/link.ts', '/src/app/persistenceChunk.ts'] as const;

/** What the plugin reads of a built chunk (rolldown's OutputChunk has more). */
export interface BuiltChunk {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  /** The modules in the chunk (its facade module is not given to this hook by rolldown). */
  moduleIds: readonly string[];
  imports: readonly string[];
}

/** What the plugin reads of the build's output: chunks and assets by file name. */
export type BuiltBundle = Record<string, BuiltChunk | { type: 'asset' }>;

/** The scripts a link's opening needs that the page's own scripts do not load, in a stable order. */
export function linkStartFiles(bundle: BuiltBundle): string[] {
  const chunks = Object.values(bundle).filter((c): c is BuiltChunk => c.type === 'chunk');
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const closure = (start: readonly BuiltChunk[]) => {
    const seen = new Set<string>();
    const stack = [...start];
    while (stack.length > 0) {
      const chunk = stack.pop()!;
      if (seen.has(chunk.fileName)) continue;
      seen.add(chunk.fileName);
      for (const file of chunk.imports) if (byFile.has(file)) stack.push(byFile.get(file)!);
    }
    return seen;
  };
  const page = closure(chunks.filter((c) => c.isEntry));
  const starts = LINK_START_MODULES.map((end) => {
    const chunk = chunks.find((c) => c.moduleIds.some((id) => id.endsWith(end)));
    if (!chunk) throw new Error(`linkPreload: no chunk starts at ${end}; update LINK_START_MODULES`);
    return chunk;
  });
  return [...closure(starts)].filter((file) => !page.has(file)).sort();
}

/**
 * The inline script: when the address holds a link (as parseRoute reads it: anything after `#` or
 * `#/`, the presenter's route aside), asks for `files` at once.
 */
export function preloadScript(files: readonly string[]): string {
  return [
    '(function () {',
    `  if (!location.hash.replace(/^#\\/?/, '') || location.hash === ${JSON.stringify(PRESENTER_ROUTE)}) return;`,
    `  ${JSON.stringify(files)}.forEach(function (file) {`,
    "    var link = document.createElement('link');",
    "    link.rel = 'modulepreload';",
    '    link.href = new URL(file, document.baseURI).href;',
    '    document.head.appendChild(link);',
    '  });',
    '})();',
  ].join('\n');
}

/** The build plugin: adds the preload script to the built index.html's head. */
export function linkPreload(): Plugin {
  return {
    name: 'microsim-link-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!context.bundle) return html;
        const files = linkStartFiles(context.bundle as unknown as BuiltBundle);
        return { html, tags: [{ tag: 'script', children: preloadScript(files), injectTo: 'head' }] };
      },
    },
  };
}
