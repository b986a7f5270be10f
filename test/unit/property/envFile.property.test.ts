import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnalysisSession, describeFailure } from '../../../src/core/engine';
import { expandEnv, findEntry, maxExpandedLength, parseEnvFile } from '../../../src/core/env/envFile';
import { createMemoryHost } from '../../../src/core/project/fileHost';
import type { Position } from '../../../src/core/model';
import { envLine, envText } from './generators';
import { runs } from './runs';

/** The offset of a position in `text` (lines end at `\n`, `\r\n` or `\r`, as in LSP), or -1 when it lies outside the text. */
function offsetOf(text: string, position: Position): number {
  const lines = [...text.matchAll(/[^\r\n]*(\r\n|\r|\n|$)/g)].map((match) => ({ start: match.index, length: match[0].length - match[1].length }));
  const line = lines[position.line];
  return line && position.character <= line.length ? line.start + position.character : -1;
}

/** A Next app with Clerk whose env file the property writes (secret-exposed, key rules and env rules all read it). */
const secretApp = {
  '/ws/package.json': JSON.stringify({ dependencies: { next: '16.0.3', '@clerk/nextjs': '6.35.0' } }),
  '/ws/app/layout.tsx':
    "import { ClerkProvider } from '@clerk/nextjs';\nexport default function L({ children }) { return <ClerkProvider>{children}</ClerkProvider>; }\n",
  '/ws/app/page.tsx':
    "'use client';\nexport default function P() { return <p>{process.env.NEXT_PUBLIC_CLERK_SECRET_KEY}{process.env.CLERK_SECRET_KEY}</p>; }\n",
};

describe('property: env files (issue 8 item 7)', () => {
  it(`parseEnvFile never throws and every entry is well-formed (${runs.envParse} inputs)`, () => {
    fc.assert(
      fc.property(envText, (text) => {
        const parsed = parseEnvFile(text);
        for (const entry of parsed.entries) {
          assert.match(entry.key, /^[\w.-]+$/);
          const keyStart = offsetOf(text, entry.keyRange.start);
          const keyEnd = offsetOf(text, entry.keyRange.end);
          const valueStart = offsetOf(text, entry.valueRange.start);
          const valueEnd = offsetOf(text, entry.valueRange.end);
          assert.ok(keyStart >= 0 && valueEnd >= 0, 'ranges inside the text');
          assert.equal(text.slice(keyStart, keyEnd), entry.key);
          assert.ok(keyEnd <= valueStart && valueStart <= valueEnd, 'the value follows the key');
          assert.equal(entry.line, entry.keyRange.start.line);
          assert.equal(typeof entry.value, 'string');
        }
        // Exactly the keys dotenv reads are located, and the last assignment of each holds dotenv's value.
        assert.deepEqual(new Set(parsed.entries.map((entry) => entry.key)), new Set(Object.keys(parsed.values)));
        for (const [key, value] of Object.entries(parsed.values)) assert.equal(findEntry(parsed, key)?.value, value, key);
      }),
      { numRuns: runs.envParse },
    );
  });

  it(`expandEnv never throws, keeps every key and caps every value (${runs.envExpand} inputs)`, () => {
    const values = fc.dictionary(
      fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,3}$/),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.array(fc.constantFrom('${A}', '${B}', '$C', '${D:-x}', '${A:+$B}', '\\$A', 'x'), { maxLength: 12 }).map((parts) => parts.join('')),
      ),
      { maxKeys: 12 },
    );
    const processEnv = fc.dictionary(fc.constantFrom('A', 'B', 'C', 'D', 'E'), fc.string({ maxLength: 10 }), { maxKeys: 3 });
    fc.assert(
      fc.property(values, processEnv, (parsed, env) => {
        const expanded = expandEnv(parsed, env);
        assert.deepEqual(Object.keys(expanded.values), Object.keys(parsed));
        for (const value of Object.values(expanded.values)) assert.ok(value.length <= maxExpandedLength);
        for (const key of expanded.truncated) assert.ok(key in parsed);
      }),
      { numRuns: runs.envExpand },
    );
  });

  it(`doubling references stay capped and linear at any depth (${runs.envDoubling} inputs)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 4 }), (depth, copies) => {
        const lines = ['A0=xxxxxxxx', ...Array.from({ length: depth }, (_, i) => `A${i + 1}=${`\${A${i}}`.repeat(copies)}`)];
        const started = performance.now();
        const parsed = parseEnvFile(lines.join('\n'));
        const expanded = expandEnv(parsed.values, {});
        assert.ok(expanded.values[`A${depth}`].length <= maxExpandedLength);
        assert.ok(performance.now() - started < 1000);
      }),
      { numRuns: runs.envDoubling },
    );
  });

  it(`findings and notes on any .env.local never quote a secret value in it (${runs.envSecrets} inputs)`, () => {
    const secret = fc.constantFrom(
      'sk_test_aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY',
      'sk_live_Zy9Xw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe',
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    );
    const name = fc.constantFrom('CLERK_SECRET_KEY', 'NEXT_PUBLIC_CLERK_SECRET_KEY', 'CLERK_WEBHOOK_SIGNING_SECRET', 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'X');
    fc.assert(
      fc.property(fc.array(envLine, { maxLength: 6 }), name, secret, fc.constantFrom('', '"', "'"), (lines, key, value, quote) => {
        const env = [...lines, `${key}=${quote}${value}${quote}`, ...lines.slice(0, 2)].join('\n');
        const session = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost({ ...secretApp, '/ws/.env.local': env }) });
        const findings = [...session.analyze().values()].flat();
        const texts = [
          ...findings.flatMap((finding) => [finding.message, ...(finding.fixes ?? []).map((fix) => fix.title)]),
          ...session.getRuleFailures().map((failure) => describeFailure(failure)),
        ];
        for (const text of texts) assert.ok(!text.includes(value), text);
      }),
      { numRuns: runs.envSecrets },
    );
  });

  it('the generators reach assignments, quotes, references and comments', () => {
    const sample = fc.sample(envLine, { numRuns: 500, seed: 1 }).join('\n');
    for (const piece of ['=', '"', "'", '`', '${', '#', 'export ']) assert.ok(sample.includes(piece), piece);
  });
});
