/**
 * A diagram's problems as the interface shows them. Apart from parse.ts (which loads zod and the
 * schema) so that the first screen can show a problem without loading the parser (issue 10).
 */

/** A problem with a diagram, at a path such as `edges[3].to`. */
export interface DiagramError {
  path: string;
  message: string;
}

/** One line per error (`edges[3].to: no service with id "pay"`), for messages in the interface. */
export function errorLines(errors: readonly DiagramError[]): string[] {
  return errors.map((e) => `${e.path}: ${e.message}`);
}

/** One line per error, as one text for the CLI. */
export function formatErrors(errors: readonly DiagramError[]): string {
  return errorLines(errors).join('\n');
}
