/* The command-line reading that `sim` and `sweep` share. */

/** One argument: `--flag`, `--flag=value` or a plain word, with a reader of the value it takes. */
export interface Argument {
  /** The argument as given. */
  raw: string;
  /** The flag without an inline `=value` (a plain word stays whole). */
  flag: string;
  /** The flag's value: the inline one, or else the next argument (which is then consumed). */
  value(): string | undefined;
}

/** The arguments of `argv` in order; `--seed 3` and `--seed=3` read the same. */
export function* argumentsOf(argv: readonly string[]): Generator<Argument> {
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const inline = eq >= 0 ? raw.slice(eq + 1) : undefined;
    yield { raw, flag: eq >= 0 ? raw.slice(0, eq) : raw, value: () => inline ?? argv[++i] };
  }
}

/**
 * An argument no option claimed: help, an unknown option, or the diagram file (only one). Returns the
 * file now known, or the message to stop with.
 */
export function fileOrError(
  arg: Argument,
  file: string | undefined,
  usage: string,
): { file: string } | { error: string } {
  if (arg.flag === '--help' || arg.flag === '-h') return { error: usage };
  if (arg.flag.startsWith('-')) return { error: `unknown option ${arg.flag}\n${usage}` };
  if (file !== undefined) return { error: `only one diagram file, got "${file}" and "${arg.raw}"\n${usage}` };
  return { file: arg.raw };
}
