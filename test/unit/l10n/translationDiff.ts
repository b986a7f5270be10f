// Compares a translation file with its English source on what must survive translation unchanged:
// the keys, the {n} placeholders l10n.t fills in, the `code` spans users copy, and the targets of
// markdown links (welcome views' `command:` buttons stop working if a target changes). It also
// catches English pasted back unchanged (scripts/l10n-missing.mjs prints the English as a template).

export interface TranslationProblem {
  key: string;
  problem: 'missing' | 'extra' | 'not a string' | 'untranslated' | 'placeholders differ' | 'code spans differ' | 'link targets differ';
  english?: string[];
  translated?: string[];
}

const placeholderPattern = /\{\d+\}/g;
const codeSpanPattern = /`([^`]*)`/g;
const linkTargetPattern = /\]\(([^)\s]+)\)/g;

function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

export function placeholders(text: string): string[] {
  return uniqueSorted(text.match(placeholderPattern) ?? []);
}

/** Every code span, repeats included: a translation may move a span but not drop or alter one. */
export function codeSpans(text: string): string[] {
  return [...text.matchAll(codeSpanPattern)].map((match) => match[1]).sort();
}

export function linkTargets(text: string): string[] {
  return [...text.matchAll(linkTargetPattern)].map((match) => match[1]).sort();
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/**
 * @param keptAsIs English strings a translation may leave unchanged (product names, version labels);
 *   any other unchanged string with letters in it counts as untranslated.
 */
export function compareTranslations(
  english: Record<string, string>,
  translated: Record<string, unknown>,
  keptAsIs: ReadonlySet<string> = new Set(),
): TranslationProblem[] {
  const problems: TranslationProblem[] = [];
  for (const [key, source] of Object.entries(english)) {
    if (!Object.hasOwn(translated, key)) {
      problems.push({ key, problem: 'missing' });
      continue;
    }
    const target = translated[key];
    if (typeof target !== 'string') {
      problems.push({ key, problem: 'not a string' });
      continue;
    }
    if (target === source && /[A-Za-z]{2}/.test(source.replace(placeholderPattern, '')) && !keptAsIs.has(source)) problems.push({ key, problem: 'untranslated' });
    const checks = [
      ['placeholders differ', placeholders],
      ['code spans differ', codeSpans],
      ['link targets differ', linkTargets],
    ] as const;
    for (const [problem, extract] of checks) {
      const inEnglish = extract(source);
      const inTranslation = extract(target);
      if (!sameList(inEnglish, inTranslation)) problems.push({ key, problem, english: inEnglish, translated: inTranslation });
    }
  }
  for (const key of Object.keys(translated)) {
    if (!Object.hasOwn(english, key)) problems.push({ key, problem: 'extra' });
  }
  return problems;
}
