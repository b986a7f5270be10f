import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../src/core/engine';
import type { Finding } from '../../../src/core/model';
import { createMemoryHost } from '../../../src/core/project/fileHost';
import type { Rule } from '../../../src/core/rules/rule';
import { growthOnDoubling } from './growth';

// The engine's own work on findings (disable comments, duplicates) is linear: a 1 MB file with many
// findings took 10 s and a 2 MB one 70 s when the file was split into lines again for each finding
// and each finding compared with every other one of its file.

const file = '/ws/lib/generated.ts';

/** Every 10th line holds a marked statement; every 50th marked one has a disable comment above it. */
function generatedSource(lines: number): string {
  return Array.from({ length: lines }, (_, i) =>
    i % 500 === 9 ? '// clerk-toolkit-disable-next-line test-every-mark' : i % 10 === 0 ? `export const mark${i} = ${i};` : `const value${i} = ${i};`,
  ).join('\n');
}

/** A finding on every marked line, each reported twice (as two projects reading one file do). */
const everyMark: Rule = {
  id: 'test-every-mark',
  defaultSeverity: 'warning',
  title: 'mark',
  description: 'A finding on every marked line.',
  check(ctx) {
    const findings: Finding[] = [];
    ctx
      .readFile(file)!
      .split('\n')
      .forEach((text, line) => {
        if (!text.startsWith('export const mark')) return;
        const finding: Finding = {
          ruleId: 'test-every-mark',
          severity: 'warning',
          message: `mark on line ${line}`,
          location: { file, range: { start: { line, character: 0 }, end: { line, character: text.length } } },
        };
        findings.push(finding, { ...finding });
      });
    return findings;
  },
};

function analyzeFile(text: string): Finding[] {
  const host = createMemoryHost({ '/ws/package.json': JSON.stringify({ dependencies: { next: '16.0.0' } }), [file]: text });
  const session = new AnalysisSession({ roots: ['/ws'], host, rules: [everyMark] });
  return session.analyze().get(file) ?? [];
}

describe('engine: disable comments and duplicates cost linear time', () => {
  it('keeps one of each duplicate and drops the disabled ones', () => {
    const findings = analyzeFile(generatedSource(2000));
    // 200 marked lines, of which 4 (lines 10, 510, 1010, 1510) sit under a disable comment.
    assert.equal(findings.length, 196);
    assert.equal(new Set(findings.map((finding) => finding.location.range.start.line)).size, 196);
    assert.ok(!findings.some((finding) => finding.location.range.start.line % 500 === 10));
  });

  it('a 2 MB file with 10,000 findings: twice the input takes less than three times as long', () => {
    // 100,000 lines of about 20 characters: 2 MB, 10,000 marked lines, 20,000 findings before de-duplication.
    const lines = 100_000;
    assert.ok(generatedSource(lines).length > 2_000_000);
    const growth = growthOnDoubling((size) => generatedSource(size), analyzeFile, lines / 2);
    assert.ok(growth < 3, `2× the input took ${growth.toFixed(1)}× as long`);
  });
});
