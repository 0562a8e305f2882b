import type { Plugin } from 'vite';

/**
 * Puts every module the page imports statically (what it must load before the first draw) into one
 * chunk. Left alone, the bundler splits them into some 45 small scripts along the lines of what the
 * lazy parts share with them; each is gzipped apart, which cost about 12 kB of the first screen's
 * JavaScript and as many requests. What loads with `import()` stays in its own chunks.
 * `plugin` finds the modules when the graph is built; `test` is the chunk group's test (rolldown's
 * `output.codeSplitting.groups`), called after that.
 */
export function firstScreenChunk(): { plugin: Plugin; test: (id: string) => boolean } {
  const firstScreen = new Set<string>();
  const plugin: Plugin = {
    name: 'microsim-first-screen-chunk',
    apply: 'build',
    buildEnd(error) {
      if (error) return;
      firstScreen.clear();
      const entries = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry);
      const stack = [...entries];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (firstScreen.has(id)) continue;
        firstScreen.add(id);
        stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
      // The entry modules stay the entry chunk's own.
      for (const id of entries) firstScreen.delete(id);
    },
  };
  return { plugin, test: (id) => firstScreen.has(id) };
}
