/** Issue 4: the files our snippets produce pass this extension's own diagnostics (rules.md: precision). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDirectory } from '../../../src/core/engine';
import type { Finding } from '../../../src/core/model';
import { createExpandedProject } from './catalog';

function describeFindings(findings: readonly Finding[], root: string): string {
  return findings.map((f) => `${f.severity} ${f.ruleId} ${path.relative(root, f.location.file)}:${f.location.range.start.line + 1} ${f.message}`).join('\n');
}

describe("snippet output under the extension's own diagnostics", function () {
  this.timeout(300_000);

  let project: { dir: string; files: Map<string, string> };

  beforeEach(() => {
    project = createExpandedProject();
  });

  afterEach(() => {
    if (project) fs.rmSync(project.dir, { recursive: true, force: true });
  });

  it('raises no error and no warning on the expanded snippets', () => {
    const findings = analyzeDirectory(project.dir).filter((f) => f.severity !== 'info');
    assert.equal(describeFindings(findings, project.dir), '');
  });

  it('does report a seeded mistake in the same project (the check can fail)', () => {
    const envFile = path.join(project.dir, '.env.local');
    const withoutSecret = fs.readFileSync(envFile, 'utf8').replace(/^CLERK_SECRET_KEY=.*\n/m, '');
    fs.writeFileSync(envFile, withoutSecret);
    const findings = analyzeDirectory(project.dir).filter((f) => f.severity === 'error');
    assert.ok(
      findings.some((f) => f.message.includes('CLERK_SECRET_KEY')),
      `expected an error about CLERK_SECRET_KEY, got:\n${describeFindings(findings, project.dir)}`,
    );
  });
});
