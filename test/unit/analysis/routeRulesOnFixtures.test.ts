import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { AnalysisSession } from '../../../src/core/engine';
import { createNodeHost, normalizePath } from '../../../src/core/project/fileHost';
import type { Rule } from '../../../src/core/rules/rule';
import type { Finding } from '../../../src/core/model';
import { middlewareFileConventionRule } from '../../../src/core/rules/middleware-file-convention';
import { middlewareMatcherRule } from '../../../src/core/rules/middleware-matcher';
import { middlewareMissingRule } from '../../../src/core/rules/middleware-missing';
import { webhookEventTypeRule } from '../../../src/core/rules/webhook-event-type';
import { webhookRawBodyRule } from '../../../src/core/rules/webhook-raw-body';
import { webhookResponseRule } from '../../../src/core/rules/webhook-response';
import { webhookRouteProtectedRule } from '../../../src/core/rules/webhook-route-protected';
import { webhookUnverifiedRule } from '../../../src/core/rules/webhook-unverified';
import { fixture } from '../../helpers/paths';

const routeRules: Rule[] = [
  middlewareFileConventionRule,
  middlewareMatcherRule,
  middlewareMissingRule,
  webhookEventTypeRule,
  webhookRawBodyRule,
  webhookResponseRule,
  webhookRouteProtectedRule,
  webhookUnverifiedRule,
];

function analyze(dir: string): Finding[] {
  const session = new AnalysisSession({ roots: [normalizePath(dir)], host: createNodeHost(), rules: routeRules });
  const findings = [...session.analyze().values()].flat();
  assert.deepEqual(
    session.getRuleFailures().map((failure) => `${failure.ruleId}: ${String(failure.error)}`),
    [],
  );
  return findings;
}

const describeFinding = (finding: Finding): string =>
  `${finding.ruleId} ${finding.severity} ${finding.location.file}:${finding.location.range.start.line + 1} ${finding.message}`;

describe('middleware and webhook rules on fixture projects', () => {
  for (const name of ['next16-convex', 'next15-middleware', 'monorepo']) {
    it(`raise no error or warning on the correct fixture ${name}`, () => {
      assert.ok(fs.existsSync(fixture(name)), `fixture ${name} is missing`);
      const loud = analyze(fixture(name)).filter((finding) => finding.severity !== 'info');
      assert.deepEqual(loud.map(describeFinding), []);
    });
  }

  const seeded: { rule: string; file: string; line: number; text: string }[] = [
    { rule: 'webhook-route-protected', file: 'proxy.ts', line: 4, text: "'/api/webhooks(.*)'" },
    { rule: 'webhook-raw-body', file: 'app/api/webhooks/route.ts', line: 16, text: 'JSON.stringify(payload)' },
    { rule: 'webhook-event-type', file: 'app/api/webhooks/route.ts', line: 8, text: 'user.create' },
  ];
  for (const { rule, file, line, text } of seeded) {
    it(`finds the seeded mistake of broken/${rule} with the right id, line and nothing else`, () => {
      const dir = fixture('broken', rule);
      const findings = analyze(dir).filter((finding) => finding.severity !== 'info');
      assert.deepEqual(
        findings.map((finding) => finding.ruleId),
        [rule],
        findings.map(describeFinding).join('\n'),
      );
      const [finding] = findings;
      assert.equal(finding.location.file, normalizePath(`${dir}/${file}`));
      assert.equal(finding.location.range.start.line + 1, line);
      const source = fs.readFileSync(`${dir}/${file}`, 'utf8').split('\n')[line - 1];
      assert.equal(source.slice(finding.location.range.start.character, finding.location.range.end.character), text);
    });
  }
});
