import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const PREFIX = '\0zod-without-json-schema:';
/** The two modules zod's classic API imports only to write JSON Schema. */
const STUBBED = /\/zod\/v4\/core\/(to-json-schema|json-schema-processors)\.js$/;
/** What zod's classic API reads from them while validating (a string's or number's bounds). */
const KEPT = new Set(['aggregateChecks']);

/**
 * The browser build's zod without its JSON Schema writer (about 6 kB gzipped of the first script).
 * zod's classic API ties `.toJSONSchema()` and each schema's JSON Schema processor to every schema,
 * so no bundler can drop them (zod.dev/packages/mini: methods are not tree-shakable), yet the app
 * never writes JSON Schema: `npm run schema` does, in Node, where this plugin does not apply (nor in
 * Vitest). Here those two modules, imported from zod's classic schemas, become stand-ins whose
 * functions throw a clear error; `aggregateChecks`, which validation-time bounds read, stays real.
 * Fails the build if zod no longer imports them, so a zod upgrade cannot silently undo this.
 */
export function zodWithoutJsonSchema(): Plugin {
  const replaced = new Set<string>();
  return {
    name: 'microsim-zod-without-json-schema',
    apply: 'build',
    enforce: 'pre',
    resolveId: {
      filter: { id: /json-schema/ },
      async handler(source, importer, options) {
        if (!importer?.endsWith('/zod/v4/classic/schemas.js')) return null;
        const real = await this.resolve(source, importer, { ...options, skipSelf: true });
        if (!real || !STUBBED.test(real.id)) return null;
        return PREFIX + real.id;
      },
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const real = id.slice(PREFIX.length);
      replaced.add(real.replace(/.*\//, ''));
      const names = [...readFileSync(real, 'utf8').matchAll(/^export (?:const|function) (\w+)/gm)].map(
        (match) => match[1]!,
      );
      const lines = [
        'const unavailable = () => {',
        "  throw new Error('JSON Schema is not written in the browser build of Microsim (npm run schema writes it).');",
        '};',
      ];
      for (const name of names) {
        if (KEPT.has(name)) lines.push(`export { ${name} } from ${JSON.stringify(real)};`);
        // The `create…Method` factories run when a schema's `~standard` is read: they give a thrower.
        else if (name.startsWith('create')) lines.push(`export const ${name} = () => unavailable;`);
        else lines.push(`export const ${name} = unavailable;`);
      }
      return lines.join('\n');
    },
    buildEnd(error) {
      if (error || replaced.size === 2) return;
      this.error(
        `zod's classic schemas no longer import ${[...replaced].join(' and ') || 'the JSON Schema modules'} as ` +
          'scripts/zodWithoutJsonSchema.ts expects: check what zod imports now and update the plugin.',
      );
    },
  };
}
