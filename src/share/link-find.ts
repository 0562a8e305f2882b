/** Characters that copying adds without showing them: zero-width spaces and joiners, soft hyphens, BOMs. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u2060\uFEFF]/g;
/** Escapes of URL punctuation that mail and chat link-wrappers (e.g. Outlook safe links) add. */
const ESCAPED = /%(23|2F|3A|3F|3D|26|2E|25|20)/gi;
/** Percent-encoded non-ASCII text (an ellipsis, a zero-width space), as browsers show it in a URL. */
const ESCAPED_UTF8 = /(?:%[C-F][0-9A-F](?:%[89AB][0-9A-F]){1,3})+/gi;

/**
 * Finds `m<format>.<body>` in a URL, fragment or bare payload, forgiving what copying adds. `cut` is
 * set when the body ends in an ellipsis, the mark chat tools leave where they shortened a link.
 */
export function findPayload(input: string): { format: number; body: string; cut: boolean } | null {
  // Mail quotes lines with "> "; mail and chat wrap long links onto several lines.
  let s = input.replace(/^[ \t]*(?:>[ \t]?)+/gm, '');
  // A link inside another link arrives percent-encoded, sometimes twice.
  for (let i = 0; i < 3 && s.search(ESCAPED) >= 0; i++) {
    s = s.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  s = s.replace(ESCAPED_UTF8, (escaped) => {
    try {
      return decodeURIComponent(escaped);
    } catch {
      return escaped;
    }
  });
  s = s.replace(INVISIBLE, '').replace(/\s+/g, '');
  const hash = s.indexOf('#');
  if (hash >= 0) s = s.slice(hash + 1);
  const match = /(?:^|[&/=?;(<"'])m(\d{1,6})\.([^&/=?;#]*)/.exec(s);
  if (!match) return null;
  const body = match[2]!.replace(/[.,;:!?)\]>'"…]+$/, '');
  return { format: Number(match[1]), body, cut: /…[.,;:!?)\]>'"]*$/.test(match[2]!) };
}
