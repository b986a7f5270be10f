import { parse } from 'dotenv';
import type { Range } from '../rules/types';

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

/** The last assignment of `key`: the one dotenv's value comes from. */
export function findEntry(parsed: ParsedEnvFile, key: string): EnvEntry | undefined {
  for (let i = parsed.entries.length - 1; i >= 0; i--) if (parsed.entries[i].key === key) return parsed.entries[i];
  return undefined;
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
