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

const keyChar = /[\w.-]/;

/**
 * Parses an env file with `dotenv.parse` for the values and locates each key with a small line
 * tokenizer that follows dotenv's LINE grammar (optional `export`, `KEY=` or `KEY: `, single/
 * double/backtick quoted values that may span lines, unquoted values ending at `#`).
 */
export function parseEnvFile(text: string): ParsedEnvFile {
  const values = parse(text);
  const entries: EnvEntry[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const positionAt = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - lineStarts[low] };
  };
  const span = (start: number, end: number): Range => ({ start: positionAt(start), end: positionAt(end) });

  let lineIndex = 0;
  while (lineIndex < lineStarts.length) {
    const lineStart = lineStarts[lineIndex];
    const lineEnd = lineEndAt(text, lineStart);
    let i = skipBlanks(text, lineStart, lineEnd);
    const assignmentStart = i;
    if (text.startsWith('export', i) && /\s/.test(text[i + 6] ?? '')) i = skipBlanks(text, i + 6, lineEnd);
    const keyStart = i;
    while (i < lineEnd && keyChar.test(text[i])) i++;
    const keyEnd = i;
    i = skipBlanks(text, i, lineEnd);
    const separator = text[i];
    const isAssignment = keyEnd > keyStart && (separator === '=' || (separator === ':' && /[ \t]/.test(text[i + 1] ?? '')));
    if (!isAssignment) {
      lineIndex++;
      continue;
    }
    i = skipBlanks(text, i + 1, lineEnd);
    const quote = text[i];
    let valueStart = i;
    let valueEnd: number;
    let nextLineOffset = lineEnd + 1;
    let quoted: EnvEntry['quote'];
    const closing = quote === '"' || quote === "'" || quote === '`' ? findClosingQuote(text, i, quote) : -1;
    if (closing !== -1) {
      quoted = quote as EnvEntry['quote'];
      valueEnd = closing + 1;
      nextLineOffset = lineEndAt(text, valueEnd) + 1;
    } else {
      // Unquoted: up to a `#` or the end of the line, trimmed (dotenv's `[^#\r\n]+` then trim).
      let end = valueStart;
      while (end < lineEnd && text[end] !== '#' && text[end] !== '\r') end++;
      while (end > valueStart && /\s/.test(text[end - 1])) end--;
      valueEnd = end;
      if (valueEnd === valueStart) valueStart = valueEnd;
    }
    entries.push({
      key: text.slice(keyStart, keyEnd),
      value: '',
      line: positionAt(keyStart).line,
      keyRange: span(keyStart, keyEnd),
      valueRange: span(valueStart, valueEnd),
      range: span(assignmentStart, valueEnd),
      quote: quoted,
    });
    while (lineIndex < lineStarts.length && lineStarts[lineIndex] < nextLineOffset) lineIndex++;
  }
  // dotenv keeps the last assignment of a key; earlier ones keep the value their own text gives.
  for (const entry of entries) entry.value = values[entry.key] ?? '';
  const lastIndex = new Map(entries.map((entry, index) => [entry.key, index]));
  entries.forEach((entry, index) => {
    if (lastIndex.get(entry.key) !== index) entry.value = valueOfSingleEntry(text, entry, lineStarts);
  });
  return { entries, values };
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
  for (const [key, raw] of Object.entries(parsed)) {
    const preset = fromProcess(key);
    let value = preset && preset !== raw ? preset : raw;
    // Most values hold no `$`: nothing to expand or unescape.
    if (value.includes('$')) {
      const output = new ExpansionOutput();
      if (value === raw) expandInto(raw, lookup, output, []);
      else output.append(value);
      value = output.text().replace(/\\\$/g, '$');
      if (output.truncated) truncated.push(key);
    }
    expanded.set(key, value);
    values[key] = value;
  }
  return { values, truncated };
}

/** The expanded text so far, capped at `maxExpandedLength`. */
class ExpansionOutput {
  private readonly chunks: string[] = [];
  private length = 0;
  private last = '';
  truncated = false;

  get full(): boolean {
    return this.length >= maxExpandedLength;
  }

  /** The character before the next one, for dotenv-expand's "not after a backslash". */
  get previous(): string {
    return this.last;
  }

  append(text: string): void {
    if (text === '') return;
    const room = maxExpandedLength - this.length;
    if (text.length > room) this.truncated = true;
    const kept = text.length > room ? text.slice(0, room) : text;
    if (kept === '') return;
    this.chunks.push(kept);
    this.length += kept.length;
    this.last = kept[kept.length - 1];
  }

  text(): string {
    return this.chunks.join('');
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
    // The leftmost operator; at one position `:+`/`+` before `:-`/`-`, like dotenv-expand's /(:\+|\+|:-|-)/.
    const operator = /:\+|\+|:-|-/.exec(expression);
    if (!operator) return { key: expression, alternative: '', end: close + 1 };
    return {
      key: expression.slice(0, operator.index),
      operator: operator[0] as Reference['operator'],
      alternative: expression.slice(operator.index + operator[0].length),
      end: close + 1,
    };
  }
  unbracedName.lastIndex = offset + 1;
  const name = unbracedName.exec(text);
  return name ? { key: name[0], alternative: '', end: offset + 1 + name[0].length } : undefined;
}

function valueOfSingleEntry(text: string, entry: EnvEntry, lineStarts: number[]): string {
  const start = lineStarts[entry.range.start.line] + entry.range.start.character;
  const end = lineStarts[entry.range.end.line] + entry.range.end.character;
  return parse(text.slice(start, end))[entry.key] ?? '';
}

function lineEndAt(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

function skipBlanks(text: string, offset: number, limit: number): number {
  while (offset < limit && (text[offset] === ' ' || text[offset] === '\t')) offset++;
  return offset;
}

/** The first unescaped closing quote, when only blanks and an optional `#` comment follow it (dotenv's rule). */
function findClosingQuote(text: string, open: number, quote: string): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === quote) {
      i++;
      continue;
    }
    if (text[i] !== quote) continue;
    let j = i + 1;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
    // Otherwise dotenv falls back to reading the value unquoted.
    return j >= text.length || text[j] === '\n' || text[j] === '\r' || text[j] === '#' ? i : -1;
  }
  return -1;
}
