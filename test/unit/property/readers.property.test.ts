import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as ts from 'typescript';
import { readAuthConfig, type ConfigValue } from '../../../src/core/analysis/convexAuthConfig';
import {
  matcherRunsOn,
  nextMatcherRunsOn,
  readMatcher,
  readRouteMatcherList,
  routeListMatches,
  routePatternMatches,
} from '../../../src/core/analysis/middlewareMatcher';
import { getExportedConfig } from '../../../src/core/parse/facts';
import { parseSource } from '../../../src/core/parse/sourceFile';
import { expression, trickyString } from './generators';
import { runs } from './runs';

/** A node of `sourceFile` that lies inside it. */
function assertInside(node: ts.Node, sourceFile: ts.SourceFile): void {
  assert.equal(node.getSourceFile(), sourceFile);
  assert.ok(node.getStart(sourceFile) >= 0 && node.getEnd() <= sourceFile.text.length);
}

function assertValue(value: ConfigValue | undefined, sourceFile: ts.SourceFile): void {
  if (!value) return;
  assertInside(value.expression, sourceFile);
  if (value.literal) assert.equal(typeof value.literal.text, 'string');
  if (value.envVar !== undefined) assert.match(value.envVar, /^[A-Za-z_$][\w$]*$/);
}

/** How a config file may hold its object: default export, CommonJS, a const, with noise around. */
const configFile = fc
  .tuple(
    fc.constantFrom(
      'export default {{}};',
      'module.exports = {{}};',
      'const config = {{}};\nexport default config;',
      'export default {{}} satisfies AuthConfig;',
      '{{}}',
    ),
    expression,
    fc.constantFrom('', 'const issuer = process.env.CLERK_FRONTEND_API_URL;\n', "const providers = [{ domain: 'x', applicationID: 'convex' }];\n"),
    fc.oneof(fc.constant(''), trickyString),
  )
  .map(([shape, body, prelude, noise]) => `${prelude}${shape.replace('{{}}', `{ providers: ${body} }`)}\n${noise}`);

/** A pathname, including hostile ones: long, without the letter a pattern waits for, with odd characters. */
const pathname = fc.oneof(
  fc.constantFrom('/', '/api/webhooks/clerk', '/__clerk/npm/@clerk/clerk-js@5/dist/clerk.browser.js', `/${'a'.repeat(80)}`, '/_next/static/x.js'),
  fc.array(fc.stringMatching(/^[\w.@%-]{0,12}$/), { maxLength: 8 }).map((segments) => `/${segments.join('/')}`),
);

/** Matcher sources: path-to-regexp syntax pieces, regex groups (nested quantifiers included) and noise. */
const matcherSource = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '/',
        '/api',
        '/:slug',
        '/:path*',
        '/:path+',
        '(.*)',
        '((?!_next).*)',
        '((?:[^z]*)*z)',
        '([^/]+)+',
        '(a|aa)*',
        '{/:id}?',
        '\\.',
        '[a-z]',
        '(?:x)',
        ')',
        '(',
      ),
      trickyString,
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

describe('property: config readers (issue 8 item 7)', () => {
  it(`readAuthConfig never throws and returns providers from the file (${runs.authConfig} inputs)`, () => {
    fc.assert(
      fc.property(configFile, (text) => {
        const sourceFile = parseSource('/ws/convex/auth.config.ts', text);
        const config = readAuthConfig(sourceFile);
        assert.equal(config.sourceFile, sourceFile);
        assert.equal(typeof config.hasUnreadableProviders, 'boolean');
        if (config.providersArray) assertInside(config.providersArray, sourceFile);
        else assert.deepEqual(config.providers, []);
        for (const provider of config.providers) {
          assertInside(provider.node, sourceFile);
          assert.ok(provider.type === undefined || typeof provider.type === 'string');
          for (const value of [provider.domain, provider.issuer, provider.applicationID]) assertValue(value, sourceFile);
        }
      }),
      { numRuns: runs.authConfig },
    );
  });

  it(`readMatcher and createRouteMatcher lists never throw, and every answer comes at once (${runs.matcherReader} inputs)`, () => {
    fc.assert(
      fc.property(expression, matcherSource, pathname, (value, source, path) => {
        const text = `export const config = { matcher: ${value} };\nconst isPublic = createRouteMatcher([${JSON.stringify(source)}, ${value}]);\n`;
        const sourceFile = parseSource('/ws/middleware.ts', text);
        const config = getExportedConfig(sourceFile);
        const matcher = config && readMatcher(config);
        const started = performance.now();
        for (const entry of matcher?.entries ?? []) {
          assertInside(entry.node, sourceFile);
          assert.ok(entry.source === undefined || typeof entry.source === 'string');
        }
        assert.ok([true, false, undefined].includes(matcherRunsOn(matcher, path)));
        const call = (sourceFile.statements[1] as ts.VariableStatement).declarationList.declarations[0].initializer as ts.CallExpression;
        const list = readRouteMatcherList('isPublic', call);
        const { matches, maybe } = routeListMatches(list, path);
        assert.ok(matches.every((pattern) => list.patterns.includes(pattern)) && typeof maybe === 'boolean');
        assert.ok(performance.now() - started < 1000, 'answered within a second');
      }),
      { numRuns: runs.matcherReader },
    );
  });

  it(`matcher sources and route patterns of any shape answer true, false or unknown at once (${runs.matcherPatterns} inputs)`, () => {
    fc.assert(
      fc.property(matcherSource, pathname, (source, path) => {
        const started = performance.now();
        assert.ok([true, false, undefined].includes(nextMatcherRunsOn(source, path)));
        assert.ok([true, false, undefined].includes(routePatternMatches(source, path)));
        assert.ok(performance.now() - started < 1000, `${source} on ${path}`);
      }),
      { numRuns: runs.matcherPatterns },
    );
  });
});
