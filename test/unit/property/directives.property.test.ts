import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { directivesOf } from '../../../src/core/parse/facts';
import { scanDirectives } from '../../../src/core/parse/moduleFacts';
import { parseSource } from '../../../src/core/parse/sourceFile';
import { runs } from './runs';

/** Pieces a file's first lines are made of: directives in every quoting, and what may follow one. */
const piece = fc.constantFrom(
  "'use client'",
  '"use client"',
  "'use server'",
  "'use strict'",
  "'use\\u0020client'",
  '`use client`',
  "('use client')",
  ';',
  '\n',
  ' ',
  '// comment\n',
  '/* block */',
  '#!/usr/bin/env node\n',
  '.length',
  '[0]',
  '(x)',
  ' as const',
  ' satisfies string',
  ' + x',
  ', y',
  '?.at(0)',
  ' ? a : b',
  'import { a } from "a";',
  'import("a");',
  'export const x = 1;',
  'const y = 2;',
  'let z;',
  'function f() {}',
  'class C {}',
  'async function g() {}',
  'interface I {}',
  'type T = 1;',
  'enum E {}',
  'declare const d: 1;',
  'foo();',
  '}',
  '`t`',
);

describe('property: the directive prologue without a parse', () => {
  it(`scanDirectives reads what the parser reads, or leaves the file to the parser (${runs.directivePrologue} inputs)`, () => {
    let decided = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.constantFrom('page.tsx', 'route.ts', 'lib.js'), (pieces, name) => {
        const text = pieces.join('');
        const scanned = scanDirectives(text);
        if (scanned === undefined) return;
        decided++;
        assert.deepEqual(scanned, directivesOf(parseSource(`/app/${name}`, text)), JSON.stringify(text));
      }),
      { numRuns: runs.directivePrologue },
    );
    // The scan must decide the common shapes itself, or it saves no parse.
    assert.ok(decided > runs.directivePrologue / 2, `the scan decided only ${decided} of ${runs.directivePrologue} inputs`);
  });

  it('decides the usual first lines of client and server modules without a parse', () => {
    for (const [text, expected] of [
      ["'use client';\nimport { useState } from 'react';", ['use client']],
      ['"use client"\n\nimport { useQuery } from "convex/react";', ['use client']],
      ["'use server'\nexport async function save() {}", ['use server']],
      ["// a comment\n'use client'\n// another\nexport function A() {}", ['use client']],
      ["import 'server-only';", []],
      ['', []],
    ] as const) {
      assert.deepEqual(scanDirectives(text), expected, text);
    }
    assert.equal(scanDirectives("'use client'\n.length"), undefined, 'a continued expression is left to the parser');
  });
});
