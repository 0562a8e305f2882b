import { fileURLToPath } from 'node:url';
import { GALLERY, galleryEntry } from '../gallery/index';
import { exportDiagramJson } from '../share/json';

const USAGE = `usage: npm run -s gallery -- --list [--json]     the gallery's entries
       npm run -s gallery -- <id>                the entry's diagram JSON (for npm run -s sim)`;

export interface GalleryCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The gallery command: `--list` prints the entries (`--json`: `[{ id, title, tags, claim }]`), an
 * id prints that entry's diagram JSON. Exit 1 for an unknown id, 2 for bad usage.
 */
export function runGallery(argv: readonly string[]): GalleryCliResult {
  const args = [...argv];
  const fail = (stderr: string, code = 1): GalleryCliResult => ({ code, stdout: '', stderr: `${stderr}\n` });
  if (args.length === 0) return fail(USAGE, 2);
  if (args.includes('--help') || args.includes('-h')) return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
  if (args[0] === '--list') {
    const json = args.includes('--json');
    if (args.length > (json ? 2 : 1)) return fail(`--list takes only --json\n${USAGE}`, 2);
    const rows = GALLERY.map(({ id, title, tags, claim }) => ({ id, title, tags, claim }));
    const text = json
      ? `${JSON.stringify(rows, null, 2)}\n`
      : rows.map((r) => `${r.id.padEnd(22)} ${r.title}  [${r.tags.join(', ')}]\n`).join('');
    return { code: 0, stdout: text, stderr: '' };
  }
  if (args.length !== 1 || args[0]!.startsWith('-')) return fail(USAGE, 2);
  const entry = galleryEntry(args[0]!);
  if (!entry)
    return fail(`no gallery entry "${args[0]}"; the entries are: ${GALLERY.map((e) => e.id).join(', ')}`);
  return { code: 0, stdout: exportDiagramJson(entry.diagram), stderr: '' };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = runGallery(process.argv.slice(2));
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.code;
}
