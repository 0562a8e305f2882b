/**
 * Text a person may type that breaks careless code, for tests of every text field (issue 16). Only
 * tests import this.
 */

/** Names every plain object answers to through its prototype. */
export const BUILT_IN_NAMES = [
  'constructor',
  '__proto__',
  'valueOf',
  'toString',
  'toLocaleString',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
] as const;

/** Built-in names, then numbers as text, markup, syntax, bidirectional and invisible text, and sizes. */
export const HOSTILE_STRINGS: readonly string[] = [
  ...BUILT_IN_NAMES,
  ...['prototype', 'length', 'then', 'toJSON'],
  // Integer-like keys come first in a plain object whatever the order they were added in.
  ...['0', '1', '10', '-1', '1e3', 'NaN', 'Infinity', 'undefined', 'null', 'true'],
  ...['', ' ', '\t', 'two\nlines', '  padded  '],
  ...['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '&lt;b&gt;', '"quoted"', "it's", '`${x}`'],
  ...['{"a":1}', '\\', 'a.b', 'a[0]', '../../etc/passwd', '%s%n', '#m2.abc', 'http://x.org/#/embed/'],
  // Right-to-left, an override, zero-width joiners and spaces, a byte order mark, combining marks, emoji.
  ...['שלום', 'مرحبا', '\u202Eevil', '\u200B', 'a\u200Db', '\uFEFFbom', 'e\u0301', '👩‍👩‍👧', '\u0000nul'],
  // Unpaired surrogates (a file can hold them as \ud800 escapes): text no encoder can keep as it is.
  ...['a\uD800', 'a\uDC00', '\uDBFF'],
  // At the schema's limits (64 for ids, 80 for names) and far beyond.
  ...['x'.repeat(64), 'y'.repeat(65), 'z'.repeat(80), '名'.repeat(81), 'w'.repeat(10_000)],
];
