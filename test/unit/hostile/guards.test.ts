import * as assert from 'node:assert/strict';
import { nextMatcherRunsOn, routePatternMatches } from '../../../src/core/analysis/middlewareMatcher';
import { backtrackingShape, safeRegexTest } from '../../../src/core/analysis/safeRegex';
import { guardedIgnore, maxPatternsPerFile } from '../../../src/core/project/gitignore';

/** Milliseconds a call takes. */
function timed<T>(call: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = call();
  return { value, ms: performance.now() - started };
}

describe('guards for patterns from workspace files (issue 8 item 4)', () => {
  describe('safeRegexTest', () => {
    const longPath = `/${'a'.repeat(60)}`;

    it('runs nested quantifiers on the linear engine: the answer, at once', () => {
      const { value, ms } = timed(() => safeRegexTest('^\\/((?:[^z]*)*z)$', longPath));
      assert.equal(value, false);
      assert.ok(ms < 1000, `${ms} ms`);
      assert.equal(safeRegexTest('^\\/((?:[^z]*)*z)$', `${longPath}z`), true);
    });

    it('runs lookarounds (which RE2 lacks) natively only when no repetition nests, else answers unknown', () => {
      assert.equal(safeRegexTest('^\\/(?!_next)(.*)$', '/api/x'), true);
      assert.equal(safeRegexTest('^\\/(?!_next)(.*)$', '/_next/x'), false);
      const { value, ms } = timed(() => safeRegexTest('^\\/(?!_next)((?:[^z]*)*z)$', longPath));
      assert.equal(value, undefined);
      assert.ok(ms < 1000, `${ms} ms`);
    });

    it('answers unknown when the polynomial cost of flat repetitions on the text exceeds the budget', () => {
      const manyStars = `^(?!x)${'a*'.repeat(8)}b$`;
      assert.equal(safeRegexTest(manyStars, 'a'.repeat(10)), false);
      assert.equal(safeRegexTest(manyStars, 'a'.repeat(500)), undefined);
    });

    it('answers unknown for an invalid pattern and honours case-insensitivity', () => {
      assert.equal(safeRegexTest('(', 'x'), undefined);
      assert.equal(safeRegexTest('(?!a)(', 'x'), undefined);
      // RE2 accepts it, V8 (and so Next.js) does not.
      assert.equal(safeRegexTest('(?P<name>x)', 'x'), undefined);
      assert.equal(safeRegexTest('^\\/API$', '/api', true), true);
      assert.equal(safeRegexTest('^\\/API$', '/api'), false);
    });
  });

  it('backtrackingShape counts flat repetitions and alternation branches, and rejects nested repetition and back-references', () => {
    const cases: [string, { repetitions: number; branching: number } | undefined][] = [
      ['(?:ab)+c*', { repetitions: 2, branching: 1 }],
      ['a{2,}b{3}c{1,1}d?', { repetitions: 2, branching: 1 }],
      ['[(*+|]+x', { repetitions: 1, branching: 1 }],
      ['(?<name>a)(?=b)(?<!c)x*', { repetitions: 1, branching: 1 }],
      ['(a|b)(c|d|e)|f', { repetitions: 0, branching: 12 }],
      ['(?!_next|[^?]*\\.(?:html?|css|js(?!on))).*', { repetitions: 2, branching: 6 }],
      ['(a*)*', undefined],
      ['((a+))+', undefined],
      ['(a|b)+', undefined],
      ['(a{2})*', undefined],
      ['(a)\\1', undefined],
    ];
    for (const [source, expected] of cases) assert.deepEqual(backtrackingShape(source), expected, source);
  });

  it('answers unknown for sequential alternations that backtrack exponentially without any nested repetition', () => {
    const { value, ms } = timed(() => safeRegexTest(`^(?!x)${'(?:a|a)'.repeat(30)}b$`, 'a'.repeat(30)));
    assert.equal(value, undefined);
    assert.ok(ms < 1000, `${ms} ms`);
  });

  it('middleware matchers and route patterns with nested quantifiers answer at once', () => {
    const pathname = '/__clerk/npm/@clerk/clerk-js@5/dist/clerk.browser.js';
    const { value, ms } = timed(() => [nextMatcherRunsOn('/((?:[^z]*)*z)', pathname), routePatternMatches('/((?:[^z]*)*z)', pathname)]);
    assert.deepEqual(value, [false, false]);
    assert.ok(ms < 1000, `${ms} ms`);
  });

  describe('guardedIgnore', () => {
    it('leaves out lines with more than 3 wildcard runs, invalid lines and lines beyond the cap, and applies the rest', () => {
      const lines = ['# comment', 'a*a*a*a*a*a*a*a*a*a*a*b', 'a\\\\\\', '**/dist/**/*.map', 'ignored/'];
      const matcher = guardedIgnore(lines.join('\n'));
      assert.deepEqual(matcher.problems, [
        { line: 2, kind: 'too-complex' },
        { line: 3, kind: 'invalid' },
      ]);
      assert.equal(matcher.ignores('ignored/'), true);
      assert.equal(matcher.ignores('x/dist/y/z.map'), true);
      const { value, ms } = timed(() => matcher.ignores(`${'a'.repeat(255)}/`));
      assert.equal(value, false);
      assert.ok(ms < 1000, `${ms} ms`);
    });

    it('never throws, even on paths `ignore` rejects', () => {
      const matcher = guardedIgnore(['x']);
      assert.equal(matcher.ignores('../x'), false);
      assert.equal(matcher.ignores('/abs/x'), false);
    });

    it(`applies at most ${maxPatternsPerFile} lines of one file`, () => {
      const matcher = guardedIgnore(Array.from({ length: maxPatternsPerFile + 2 }, (_, i) => `file${i}`));
      assert.deepEqual(matcher.problems, [
        { line: maxPatternsPerFile + 1, kind: 'too-many' },
        { line: maxPatternsPerFile + 2, kind: 'too-many' },
      ]);
      assert.equal(matcher.ignores(`file${maxPatternsPerFile - 1}`), true);
      assert.equal(matcher.ignores(`file${maxPatternsPerFile}`), false);
    });
  });
});
