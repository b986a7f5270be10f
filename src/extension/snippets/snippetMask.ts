/**
 * Snippet syntax (`$1`, `${1:users}`, `${1|GET,POST|}`, `$TM_FILENAME`, `${VAR/…/…/}`) hidden from
 * the TypeScript parser without moving anything: each construct becomes underscores (an
 * identifier, like its default text) or, for a bare tab stop, spaces. Offsets in the mask are
 * offsets in the snippet body, so edits found by parsing the mask apply to the body as they are.
 */
export function maskSnippetSyntax(body: string): string {
  let out = '';
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1])) {
      out += body.slice(i, i + 2);
      i += 2;
    } else if (ch === '$') {
      const end = constructEnd(body, i);
      const construct = body.slice(i, end);
      // A bare tab stop inserts nothing; everything else inserts text at least one character long.
      out += /^\$(\d+|\{\d+\})$/.test(construct) ? ' '.repeat(construct.length) : construct.length > 1 ? '_'.repeat(construct.length) : '$';
      i = end;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

/** End offset of the construct starting with `$` at `start` (start + 1 for a plain dollar sign). */
function constructEnd(body: string, start: number): number {
  let i = start + 1;
  if (body[i] !== '{') {
    while (i < body.length && /\w/.test(body[i])) i += 1;
    return i;
  }
  // `${…}`: to the matching brace, nested constructs and escapes included.
  let depth = 0;
  for (; i < body.length; i += 1) {
    if (body[i] === '\\') i += 1;
    else if (body[i] === '{') depth += 1;
    else if (body[i] === '}' && --depth === 0) return i + 1;
  }
  return start + 1;
}

/** Offsets of each option's text in the choices (`${1|a,b|}`) of a snippet body: code the mask hides. */
export function choiceOptionSpans(body: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  for (let i = body.indexOf('${'); i >= 0; i = body.indexOf('${', i + 2)) {
    if (i > 0 && body[i - 1] === '\\') continue;
    const open = /^\$\{\d+\|/.exec(body.slice(i));
    if (!open) continue;
    let start = i + open[0].length;
    for (let j = start; j < body.length; j += 1) {
      if (body[j] === '\\') j += 1;
      else if (body[j] === ',' || body[j] === '|') {
        spans.push({ start, end: j });
        start = j + 1;
        if (body[j] === '|') break;
      }
    }
  }
  return spans;
}
