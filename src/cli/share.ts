import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatErrors } from '../model/parse';
import { exportDiagramJson, importDiagramJson } from '../share/json';
import { decodeLink, encodeLink, linkSizeWarning, shareUrl } from '../share/link';

const USAGE = `usage: npm run -s share -- <diagram.json> [--autoplay] [--base <app url>]
       npm run -s share -- --decode '<link or #fragment>'
       npm run -s share -- --decode - < link.txt      (the link from standard input)`;

export interface ShareCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The share command: a diagram file to its link fragment (`#m6.…`), or `--decode` a link back to
 * diagram JSON (`--decode -` reads the link from `readStdin`). Errors are the app's own messages;
 * exit 1 for bad input, 2 for bad usage.
 */
export function runShare(
  argv: readonly string[],
  readFile: (path: string) => string,
  readStdin: () => string = () => '',
): ShareCliResult {
  const out = (stdout: string, stderr = ''): ShareCliResult => ({ code: 0, stdout, stderr });
  const fail = (stderr: string, code = 1): ShareCliResult => ({ code, stdout: '', stderr: `${stderr}\n` });
  const args = [...argv];
  if (args.length === 0 || args.includes('--help') || args.includes('-h'))
    return fail(USAGE, args.length ? 0 : 2);

  const decodeAt = args.indexOf('--decode');
  if (decodeAt >= 0) {
    const link = args[decodeAt + 1];
    if (link === undefined || args.length !== 2) return fail(`--decode takes one link\n${USAGE}`, 2);
    // "-": from standard input, for links longer than a command line takes (128 KiB on Linux).
    const r = decodeLink(link === '-' ? readStdin() : link);
    if (!r.ok) {
      const details = r.error.details ? `\n${formatErrors(r.error.details)}` : '';
      return fail(`${r.error.message}${details}`);
    }
    return out(exportDiagramJson(r.diagram), r.autoplay ? 'This link starts playing when opened.\n' : '');
  }

  let autoplay = false;
  let base: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--autoplay') autoplay = true;
    else if (a === '--base') {
      base = args[++i];
      if (base === undefined) return fail(`--base needs the app's URL\n${USAGE}`, 2);
    } else if (a.startsWith('-')) return fail(`unknown option ${a}\n${USAGE}`, 2);
    else files.push(a);
  }
  if (files.length !== 1) return fail(`give exactly one diagram file\n${USAGE}`, 2);
  const file = files[0]!;
  let text: string;
  try {
    text = readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(`${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(err)})`}`);
  }
  const imported = importDiagramJson(text);
  if (!imported.ok) {
    const lines = imported.code === 'invalid-diagram' ? `\n${formatErrors(imported.errors)}` : '';
    return fail(`${file}: ${imported.message}${lines}`);
  }
  const payload = encodeLink(imported.diagram, { autoplay });
  const warning = linkSizeWarning(payload.length + 1);
  return out(`${base ? shareUrl(base, payload) : `#${payload}`}\n`, warning ? `${warning}\n` : '');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = runShare(
    process.argv.slice(2),
    (path) => readFileSync(path, 'utf8'),
    () => readFileSync(0, 'utf8'),
  );
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.code;
}
