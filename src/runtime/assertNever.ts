/** For the `default` of a switch over a kind: a kind nobody handled is a compile error. */
export function assertNever(value: never): never {
  throw new Error(`unhandled kind: ${String(value)}`);
}
