/** Where a text stops being JSON, and why, in words a person can act on. */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  message: string;
}

const MAX_DEPTH = 2_000;

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/**
 * Finds the first JSON syntax error in `text` (null when it is valid JSON). Browsers word and place
 * JSON.parse errors differently, so the position comes from this scanner, not from their messages.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const stop = (message: string, at = i): never => {
    throw new Stop(at, message);
  };
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else if (c === 47 && (text[i + 1] === '/' || text[i + 1] === '*'))
        stop('comments are not allowed in JSON');
      else return;
    }
  };
  const describe = (c: string | undefined) =>
    c === undefined
      ? 'the end of the text'
      : c === "'"
        ? 'a single quote (JSON strings use double quotes)'
        : JSON.stringify(c);
  const string = () => {
    const start = i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) return stop('a text value in quotes is never closed', start);
      if (c === '"') return void i++;
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            stop('"\\u" must be followed by 4 hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else stop(`${describe(e)} can't follow a backslash in a JSON string`, i + 1);
      } else if (c.charCodeAt(0) < 0x20)
        stop('a line break or control character inside a text value must be escaped');
      else i++;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) stop(`nested more than ${MAX_DEPTH} levels deep`);
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') stop(`expected a property name in double quotes, found ${describe(text[i])}`);
        string();
        ws();
        if (text[i] !== ':') stop(`expected ':' after the property name, found ${describe(text[i])}`);
        i++;
        value(depth + 1);
        ws();
        if (text[i] === '}') return void i++;
        if (text[i] !== ',') stop(`expected ',' or '}' after a property value, found ${describe(text[i])}`);
        i++;
        ws();
        if (text[i] === '}') stop("a comma before '}' is not allowed in JSON");
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ']') return void i++;
        if (text[i] !== ',') stop(`expected ',' or ']' after a list item, found ${describe(text[i])}`);
        i++;
        ws();
        if (text[i] === ']') stop("a comma before ']' is not allowed in JSON");
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) return void (i += word.length);
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0] !== '-' && m[0].length) return void (i += m[0].length);
    stop(c === undefined ? 'the text ends where a value was expected' : `unexpected ${describe(c)}`);
  };
  try {
    value(0);
    ws();
    if (i < text.length) stop(`unexpected ${describe(text[i])} after the end of the JSON value`);
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const before = text.slice(0, e.offset);
    const line = before.split('\n').length;
    const column = e.offset - before.lastIndexOf('\n');
    return { offset: e.offset, line, column, message: e.message };
  }
}
