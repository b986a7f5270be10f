import { parse } from 'dotenv';
import type { Range } from '../model';

/** One `KEY=value` assignment in an env file, with the positions dotenv itself does not keep. */
export interface EnvEntry {
  key: string;
  /** The value exactly as `dotenv.parse` returns it (quotes removed, `\n` expanded in "…"), before expansion. */
  value: string;
  /** 0-based line of the key. */
  line: number;
  keyRange: Range;
  /** The raw value text including its quotes; empty range right after `=` for `KEY=`. */
  valueRange: Range;
  /** The whole assignment, from the key (or `export`) to the end of the value. */
  range: Range;
  quote?: '"' | "'" | '`';
}

export interface ParsedEnvFile {
  /** Assignments in file order; a key assigned twice appears twice (dotenv keeps the last). */
  entries: EnvEntry[];
  /** `dotenv.parse` of the text: the values Next.js sees from this file before expansion. */
  values: Record<string, string>;
}

/**
 * dotenv's own LINE pattern (dotenv 17 `lib/main.js`), with indices: entries are located by the very
 * match that gives dotenv its values, so a key dotenv reads is always located (a value quoted over
 * several lines, `KEY:` with the value on the next line, a lone `\r` as line break, any whitespace).
 * dotenv already runs it on the same text, so it adds no new cost shape.
 */
const dotenvLine =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

/**
 * Parses an env file with `dotenv.parse` for the values and locates each assignment by running
 * dotenv's LINE pattern on the same normalised text (`\r\n` and `\r` become `\n`, as dotenv does),
 * mapping offsets back to the original text. Lines follow LSP: `\n`, `\r\n` and `\r` end one.
 */
export function parseEnvFile(text: string): ParsedEnvFile {
  const values = parse(text);
  const entries: LocatedEnvEntry[] = [];
  const lineStarts = lineStartsOf(text);
  const { normalized, originalOffset } = normalizeLineBreaks(text);

  dotenvLine.lastIndex = 0;
  for (let match = dotenvLine.exec(normalized); match; match = dotenvLine.exec(normalized)) {
    const key = match[1];
    const [keyStart, keyEnd] = match.indices![1];
    const assignmentStart = match.index + (match[0].length - match[0].trimStart().length);
    const raw = match[2] ?? '';
    let valueStart: number;
    let valueEnd: number;
    if (raw.trim() === '') {
      // `KEY=`: an empty range right after the separator.
      valueStart = valueEnd = separatorEnd(normalized, keyEnd);
    } else {
      const [rawStart, rawEnd] = match.indices![2];
      valueStart = rawStart + (raw.length - raw.trimStart().length);
      valueEnd = rawEnd - (raw.length - raw.trimEnd().length);
    }
    const first = normalized[valueStart];
    const quoted = valueEnd - valueStart >= 2 && (first === '"' || first === "'" || first === '`') && normalized[valueEnd - 1] === first;
    entries.push(
      new LocatedEnvEntry(
        key,
        quoted ? (first as EnvEntry['quote']) : undefined,
        lineStarts,
        originalOffset(assignmentStart),
        originalOffset(keyStart),
        originalOffset(keyEnd),
        originalOffset(valueStart),
        originalOffset(valueEnd),
      ),
    );
    // An empty match cannot happen (a key is required), but never loop on one.
    if (match[0].length === 0) dotenvLine.lastIndex++;
  }
  // dotenv keeps the last assignment of a key; earlier ones keep the value their own text gives.
  const lastIndex = new Map<string, number>();
  for (let index = 0; index < entries.length; index++) lastIndex.set(entries[index].key, index);
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    entry.value = lastIndex.get(entry.key) === index ? (values[entry.key] ?? '') : (parse(text.slice(entry.start, entry.end))[entry.key] ?? '');
  }
  return { entries, values };
}

/**
 * An assignment located by offsets into the file's text; its ranges are worked out when first read.
 * Most entries' never are (a rule reports a few keys), and a 10,000-line file's eager ranges were
 * 110,000 objects, a third of its parse in garbage collection.
 */
class LocatedEnvEntry implements EnvEntry {
  value = '';
  private located: { key: Range; value: Range; whole: Range } | undefined;

  constructor(
    readonly key: string,
    readonly quote: EnvEntry['quote'],
    private readonly lineStarts: readonly number[],
    /** Offsets into the original text: the assignment (from the key or `export`) to the end of the value. */
    readonly start: number,
    private readonly keyStart: number,
    private readonly keyEnd: number,
    private readonly valueStart: number,
    readonly end: number,
  ) {}

  get line(): number {
    return this.ranges().key.start.line;
  }

  get keyRange(): Range {
    return this.ranges().key;
  }

  get valueRange(): Range {
    return this.ranges().value;
  }

  get range(): Range {
    return this.ranges().whole;
  }

  private ranges() {
    if (!this.located) {
      const at = (offset: number) => {
        const line = lineIndexOf(this.lineStarts, offset);
        return { line, character: offset - this.lineStarts[line] };
      };
      const span = (start: number, end: number): Range => ({ start: at(start), end: at(end) });
      this.located = { key: span(this.keyStart, this.keyEnd), value: span(this.valueStart, this.end), whole: span(this.start, this.end) };
    }
    return this.located;
  }
}

/** The line holding `offset`, by binary search over `lineStarts`. */
function lineIndexOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Offsets where lines start (`\n`, `\r\n` and a lone `\r` end one), found by `indexOf`: a character loop was a third of the parse. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** dotenv's `\r\n?` → `\n`, and the way back from an offset in the result to one in `text`. */
function normalizeLineBreaks(text: string): { normalized: string; originalOffset: (offset: number) => number } {
  if (!text.includes('\r')) return { normalized: text, originalOffset: (offset) => offset };
  // Offsets (in the result) just after each `\r\n` pair, which is one character shorter there.
  const shortened: number[] = [];
  let normalized = '';
  let from = 0;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    normalized += text.slice(from, i) + '\n';
    from = text[i + 1] === '\n' ? i + 2 : i + 1;
    if (from === i + 2) shortened.push(normalized.length);
  }
  normalized += text.slice(from);
  const originalOffset = (offset: number) => {
    // Pairs ending at or before the offset each add one character back.
    let low = 0;
    let high = shortened.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (shortened[mid] <= offset) low = mid + 1;
      else high = mid;
    }
    return offset + low;
  };
  return { normalized, originalOffset };
}

/** The offset after `=` (and dotenv's lazy blanks: none) or after `:` and the one blank dotenv's `:\s+?` requires. */
function separatorEnd(text: string, keyEnd: number): number {
  let i = keyEnd;
  while (i < text.length && text[i] !== '=' && text[i] !== ':') i++;
  return text[i] === ':' ? i + 2 : i + 1;
}

const lastEntries = new WeakMap<ParsedEnvFile, Map<string, EnvEntry>>();

/** The last assignment of `key`: the one dotenv's value comes from (indexed: env files may hold thousands of keys). */
export function findEntry(parsed: ParsedEnvFile, key: string): EnvEntry | undefined {
  let index = lastEntries.get(parsed);
  if (!index) {
    index = new Map(parsed.entries.map((entry) => [entry.key, entry]));
    lastEntries.set(parsed, index);
  }
  return index.get(key);
}

/** Expanded values longer than this are cut: 40 doubling `${A}${A}` lines would otherwise need 1 GB. */
export const maxExpandedLength = 64 * 1024;
/** How deep a substituted value that itself holds `$` references is expanded again. */
const maxExpansionDepth = 16;

export interface ExpandedEnv {
  values: Record<string, string>;
  /** Keys whose expanded value was cut at `maxExpandedLength`. */
  truncated: string[];
}

/**
 * Expands `${VAR}`, `$VAR`, `${VAR:-default}`, `${VAR-default}` (and `:+`/`+`) in one file's values
 * like dotenv-expand 12 (what Next.js runs), in one pass per value instead of dotenv-expand's copy of
 * the environment per key and re-scan per reference, which made 10,000 lines take minutes:
 * - a key set in `processEnv` (truthy and different) keeps that value, unexpanded;
 * - references see `processEnv` first, then the keys above in this file (already expanded); a key
 *   referring to itself or to a later key gets the default (or nothing);
 * - a substituted value is expanded again, as dotenv-expand's re-scan does, except a reference back
 *   to a key being substituted (dotenv-expand's self-reference check): it gets the default;
 * - `\$` is never expanded and becomes `$`.
 * Not replicated (never seen in real files): `$&`-style replacement patterns inside substituted values.
 */
export function expandEnv(parsed: Readonly<Record<string, string>>, processEnv: Readonly<Record<string, string>>): ExpandedEnv {
  const expanded = new Map<string, string>();
  const fromProcess = (key: string): string | undefined => (Object.prototype.hasOwnProperty.call(processEnv, key) ? processEnv[key] : undefined);
  const lookup = (key: string): string | undefined => fromProcess(key) ?? expanded.get(key);
  const values: Record<string, string> = {};
  const truncated: string[] = [];
  // Object.keys, not Object.entries: on a record of 10,000 keys the pairs cost 5–10 times more.
  for (const key of Object.keys(parsed)) {
    const raw = parsed[key];
    const preset = fromProcess(key);
    let value = preset && preset !== raw ? preset : raw;
    // Most values hold no `$`: nothing to expand or unescape.
    if (value.includes('$')) {
      const output = new ExpansionOutput();
      if (value === raw) expandInto(raw, lookup, output, []);
      else output.append(value);
      value = output.text();
      if (value.includes('\\$')) value = value.replace(/\\\$/g, '$');
      if (output.truncated) truncated.push(key);
    }
    expanded.set(key, value);
    values[key] = value;
  }
  return { values, truncated };
}

/** The expanded text so far, capped at `maxExpandedLength`. */
class ExpansionOutput {
  private expanded = '';
  private last = '';
  truncated = false;

  get full(): boolean {
    return this.expanded.length >= maxExpandedLength;
  }

  /** The character before the next one, for dotenv-expand's "not after a backslash". */
  get previous(): string {
    return this.last;
  }

  append(text: string): void {
    if (text === '') return;
    const room = maxExpandedLength - this.expanded.length;
    if (text.length > room) this.truncated = true;
    const kept = text.length > room ? text.slice(0, room) : text;
    if (kept === '') return;
    // V8 joins appended strings lazily (a rope), like a chunk list without the array.
    this.expanded += kept;
    this.last = kept[kept.length - 1];
  }

  text(): string {
    return this.expanded;
  }
}

const unbracedName = /[A-Za-z_][A-Za-z0-9_]*/y;

function expandInto(text: string, lookup: (key: string) => string | undefined, output: ExpansionOutput, substituting: string[]): void {
  let literalStart = 0;
  for (let i = text.indexOf('$'); i !== -1 && !output.full; i = text.indexOf('$', i + 1)) {
    output.append(text.slice(literalStart, i));
    literalStart = i;
    if (output.previous === '\\') continue;
    const reference = referenceAt(text, i);
    if (!reference) continue;
    literalStart = reference.end;
    i = reference.end - 1;
    const { key, operator, alternative } = reference;
    const value = lookup(key);
    const replacement = operator === ':+' || operator === '+' ? (value ? alternative : '') : value && !substituting.includes(key) ? value : alternative;
    const nested = replacement === value ? [...substituting, key] : substituting;
    if (replacement.includes('$') && nested.length <= maxExpansionDepth) expandInto(replacement, lookup, output, nested);
    else output.append(replacement);
  }
  if (!output.full) output.append(text.slice(literalStart));
  else if (literalStart < text.length) output.truncated = true;
}

interface Reference {
  key: string;
  operator?: ':-' | '-' | ':+' | '+';
  /** The default (or `+` alternative); empty when none. */
  alternative: string;
  /** Offset after the reference. */
  end: number;
}

/**
 * `${expression}` or `$NAME` at `offset`. dotenv-expand matches `${…}` without braces inside and
 * re-scans after each substitution, so `${A:-${B}}` ends up as A's value or else B's: here the
 * default may hold `${…}` references (expanded when it is used); another brace is no reference.
 */
function referenceAt(text: string, offset: number): Reference | undefined {
  if (text[offset + 1] === '{') {
    let close = offset + 2;
    for (let depth = 0; close < text.length; close++) {
      if (text[close] === '$' && text[close + 1] === '{') {
        depth++;
        close++;
      } else if (text[close] === '{') return undefined;
      else if (text[close] === '}' && depth-- === 0) break;
    }
    if (text[close] !== '}' || close === offset + 2) return undefined;
    const expression = text.slice(offset + 2, close);
    const at = operatorIn(expression);
    if (at === undefined) return { key: expression, alternative: '', end: close + 1 };
    return {
      key: expression.slice(0, at.index),
      operator: at.operator,
      alternative: expression.slice(at.index + at.operator.length),
      end: close + 1,
    };
  }
  unbracedName.lastIndex = offset + 1;
  const name = unbracedName.exec(text);
  return name ? { key: name[0], alternative: '', end: offset + 1 + name[0].length } : undefined;
}

/**
 * The leftmost operator of `${…}`; at one position `:+`/`+` before `:-`/`-`, like dotenv-expand's
 * /(:\+|\+|:-|-)/ (a character loop: the regex was a tenth of a 10,000-line file's expansion).
 */
function operatorIn(expression: string): { index: number; operator: NonNullable<Reference['operator']> } | undefined {
  for (let index = 0; index < expression.length; index++) {
    const char = expression[index];
    if (char === ':') {
      const next = expression[index + 1];
      if (next === '+' || next === '-') return { index, operator: next === '+' ? ':+' : ':-' };
    } else if (char === '+' || char === '-') return { index, operator: char };
  }
  return undefined;
}
