import * as assert from 'node:assert/strict';
import { getEnvReads, getExportedConfig, getImports, hasUseClientDirective, resolveStringValue } from '../../../src/core/parse/facts';
import { parseSource, rangeOfNode, SourceCache } from '../../../src/core/parse/sourceFile';
import * as ts from 'typescript';

describe('AST facts', () => {
  it('lists imports with local names, sources and imported names', () => {
    const source = parseSource('/a.tsx', "import D, { auth as a, type X } from '@clerk/nextjs/server';\nimport * as ns from 'convex/react';\n");
    assert.deepEqual(
      getImports(source).map((b) => [b.localName, b.module, b.importedName, b.typeOnly]),
      [
        ['D', '@clerk/nextjs/server', 'default', false],
        ['a', '@clerk/nextjs/server', 'auth', false],
        ['X', '@clerk/nextjs/server', 'X', true],
        ['ns', 'convex/react', '*', false],
      ],
    );
  });

  it('finds process.env reads in all forms with their fallbacks, even in half-typed code', () => {
    const source = parseSource(
      '/a.ts',
      "const N = 'C';\nconst a = process.env.A ?? 'x';\nconst b = (process.env['B'])!;\nconst c = process.env[N] || '';\nconst { D, E = '1', F: f } = process.env;\nif (process.env.G &&\n",
    );
    assert.deepEqual(
      getEnvReads(source).map((r) => [r.name, r.hasFallback]),
      [
        ['A', true],
        ['B', false],
        ['C', true],
        ['D', false],
        ['E', true],
        ['F', false],
        ['G', false],
      ],
    );
  });

  it("resolves strings through consts, the 'use client' directive, exported config, and ranges", () => {
    const source = parseSource('/m.ts', "'use client';\nconst BASE = '/api';\nconst PATH = BASE;\nexport const config = { matcher: [PATH] } as const;\n");
    assert.ok(hasUseClientDirective(source));
    const config = getExportedConfig(source)!;
    const matcher = (config.properties[0] as ts.PropertyAssignment).initializer as ts.ArrayLiteralExpression;
    assert.equal(resolveStringValue(matcher.elements[0]), '/api');
    assert.deepEqual(rangeOfNode(matcher.elements[0], source), { start: { line: 3, character: 34 }, end: { line: 3, character: 38 } });
    assert.ok(!hasUseClientDirective(parseSource('/s.ts', "import 'x';\n'use client';\n")));
  });

  it('re-parses a file only when its text changes', () => {
    const cache = new SourceCache();
    const first = cache.get('/a.ts', 'const a = 1;');
    assert.equal(cache.get('/a.ts', 'const a = 1;'), first);
    assert.notEqual(cache.get('/a.ts', 'const a = 2;'), first);
  });
});
