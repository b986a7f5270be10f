/**
 * Regular expressions that come from workspace files (a middleware matcher, a `createRouteMatcher`
 * pattern, compiled by path-to-regexp) must never hang the analysis: `"/((?:[^z]*)*z)"` backtracks
 * for minutes on a 40-character path in V8's engine.
 */
import { RE2JS } from 're2js';

/** Estimated backtracking steps allowed on the native engine (at most about 100 ms). */
const nativeStepBudget = 1e7;
/** Compiled patterns kept (a workspace has a few dozen; the cap bounds a hostile one). */
const maxCached = 500;

type Compiled = { test(text: string): boolean } | 'unsafe';
const compiled = new Map<string, Compiled>();

/**
 * Whether `source` matches somewhere in `text`, computed safely: with the linear-time `re2js` when
 * it accepts the syntax, else (lookarounds, back-references: RE2 has neither) with V8's engine only
 * when no repeated part holds another repetition or an alternation and the polynomial cost of the
 * remaining repetitions on `text` fits the budget. Undefined when the pattern is invalid or not
 * provably cheap: the caller treats the answer as unknown.
 */
export function safeRegexTest(source: string, text: string, ignoreCase = false): boolean | undefined {
  const key = `${ignoreCase ? 'i' : '-'}${source}`;
  let regex = compiled.get(key);
  if (regex === undefined) {
    regex = compile(source, ignoreCase);
    if (compiled.size >= maxCached) compiled.clear();
    compiled.set(key, regex);
  }
  if (regex === 'unsafe') return undefined;
  if (regex instanceof RegExp && !withinBudget(source, text.length)) return undefined;
  return regex.test(text);
}

function compile(source: string, ignoreCase: boolean): Compiled {
  let native: RegExp;
  try {
    // Compiling never backtracks; a pattern V8 rejects (RE2-only syntax such as `(?P<x>)`) fails Next's build too.
    native = new RegExp(source, ignoreCase ? 'i' : '');
  } catch {
    return 'unsafe';
  }
  try {
    const linear = RE2JS.compile(source, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    return { test: (text) => linear.test(text) };
  } catch {
    // Not RE2 syntax (lookarounds, back-references): the native engine, if the shape is safe.
    return backtrackingShape(source) === undefined ? 'unsafe' : native;
  }
}

/**
 * Without nested repetition, backtracking costs at most about C(n + k, k) steps for k unbounded
 * repetitions on n characters, times the branches of every alternation (`(a|a)(a|a)…` doubles per group).
 */
function withinBudget(source: string, length: number): boolean {
  const shape = backtrackingShape(source);
  if (!shape) return false;
  let steps = shape.branching;
  for (let i = 1; i <= shape.repetitions && steps <= nativeStepBudget; i++) steps = (steps * (length + i)) / i;
  return steps <= nativeStepBudget;
}

/**
 * What bounds a backtracking match of a pattern: its unbounded repetitions (`*`, `+`, `{n,}`,
 * `{n,m}` with m > 1) and the product of its alternations' branch counts; undefined when no bound
 * holds: a repeated group holding a repetition or an alternation (`(a*)*`, `(a|a)+`), or a back-reference.
 */
export function backtrackingShape(source: string): { repetitions: number; branching: number } | undefined {
  /** Per open group: whether it holds a quantifier or an alternation, and its branches. */
  const groups: { risky: boolean; branches: number }[] = [{ risky: false, branches: 1 }];
  let repetitions = 0;
  let branching = 1;
  /** Whether the last atom was a group (and then whether it was risky), for the quantifier that may follow. */
  let lastGroupRisky: boolean | undefined;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    const current = groups[groups.length - 1];
    const quantifier = quantifierAt(source, i);
    if (quantifier) {
      if (quantifier.repeats && lastGroupRisky) return undefined;
      if (quantifier.repeats) repetitions++;
      current.risky = true;
      i = quantifier.end - 1;
      // A lazy marker after a quantifier is not another quantifier.
      if (source[i + 1] === '?') i++;
      lastGroupRisky = undefined;
      continue;
    }
    lastGroupRisky = undefined;
    if (char === '\\') {
      if (/[1-9k]/.test(source[i + 1] ?? '')) return undefined;
      i++;
    } else if (char === '[') {
      i = endOfClass(source, i);
    } else if (char === '(') {
      groups.push({ risky: false, branches: 1 });
      // `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`: the `?` is no quantifier.
      if (source[i + 1] === '?') i = source[i + 2] === '<' && !/[=!]/.test(source[i + 3] ?? '') ? source.indexOf('>', i) : i + (source[i + 2] === '<' ? 3 : 2);
      if (i < 0) return undefined;
    } else if (char === ')') {
      const closed = groups.length > 1 ? groups.pop()! : current;
      groups[groups.length - 1].risky ||= closed.risky;
      branching *= closed.branches;
      lastGroupRisky = closed.risky;
    } else if (char === '|') {
      current.risky = true;
      current.branches++;
    }
  }
  return { repetitions, branching: branching * groups[0].branches };
}

function quantifierAt(source: string, i: number): { repeats: boolean; end: number } | undefined {
  const char = source[i];
  if (char === '*' || char === '+') return { repeats: true, end: i + 1 };
  if (char === '?') return { repeats: false, end: i + 1 };
  if (char !== '{') return undefined;
  const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
  if (!braces) return undefined;
  const repeats = braces[2] === undefined ? Number(braces[1]) > 1 : braces[3] === '' || Number(braces[3]) > 1;
  return { repeats, end: i + braces[0].length };
}

/** The index of the `]` closing the character class opened at `open`. */
function endOfClass(source: string, open: number): number {
  let i = open + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++;
  for (; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
  return i;
}
