import * as assert from 'node:assert/strict';
import { formatJson } from '../../../src/cli/format/json';
import type { RuleMetadata } from '../../../src/core/engine';
import { formatSarif } from '../../../src/cli/format/sarif';
import { formatText } from '../../../src/cli/format/text';
import { relativeFile } from '../../../src/cli/format/report';
import { sarifValidator } from './sarifSchema';
import { sampleFindings, sampleRoot } from './sampleFindings';

const rules: RuleMetadata[] = [
  {
    id: 'convex-jwt-template-mismatch',
    title: 'JWT template mismatch',
    description: 'applicationID must equal the token aud.',
    defaultSeverity: 'error',
    docsUrl: 'https://example.test/docs/rules/convex-jwt-template-mismatch.md',
  },
  {
    id: 'env-missing',
    title: 'Missing env variable',
    description: 'A variable the setup needs is missing.',
    defaultSeverity: 'error',
    docsUrl: 'https://example.test/docs/rules/env-missing.md',
  },
];

describe('check formatters', () => {
  describe('paths', () => {
    it('are relative to the checked folder, with /', () => {
      assert.equal(relativeFile('/work/app', '/work/app/convex/auth.config.ts'), 'convex/auth.config.ts');
      assert.equal(relativeFile('/work/app/', '/work/app/.env.local'), '.env.local');
    });
  });

  describe('text', () => {
    const lines = formatText(sampleRoot, sampleFindings).split('\n');

    it('prints file:line:col  severity  message  [rule-id], 1-based, grouped and sorted by file', () => {
      assert.deepEqual(lines.slice(0, 7), [
        '.env.local:1:1  warning  CLERK_SECRET_KEY is empty. Set it in .env.local.  [env-missing]',
        '',
        'app/layout.tsx:1:5  error  NEXT_PUBLIC_CONVEX_URL is not defined.  [env-missing]',
        'app/layout.tsx:3:10  info  createRouteMatcher is deprecated.  [clerk-api-deprecated]',
        '',
        'convex/auth.config.ts:5:22  error  applicationID "Convex" matches no token.  [convex-jwt-template-mismatch]',
        '',
      ]);
    });

    it('ends with a summary line', () => {
      assert.equal(lines[7], '4 problems in 3 files: 2 errors, 1 warning, 1 info.');
      assert.equal(lines.length, 9);
    });

    it('says so when there is nothing to report', () => {
      assert.equal(formatText(sampleRoot, []), 'No problems found.\n');
    });
  });

  describe('json', () => {
    it('is an array of flat records with 1-based positions and exclusive end columns', () => {
      const records = JSON.parse(formatJson(sampleRoot, sampleFindings)) as unknown[];
      assert.equal(records.length, 4);
      assert.deepEqual(records[3], {
        ruleId: 'convex-jwt-template-mismatch',
        severity: 'error',
        file: 'convex/auth.config.ts',
        line: 5,
        column: 22,
        endLine: 5,
        endColumn: 30,
        message: 'applicationID "Convex" matches no token.',
      });
      assert.deepEqual(Object.keys(records[0] as object), ['ruleId', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message']);
    });

    it('prints [] when there is nothing to report', () => {
      assert.deepEqual(JSON.parse(formatJson(sampleRoot, [])), []);
    });
  });

  describe('sarif', () => {
    const validate = sarifValidator();
    const log = JSON.parse(formatSarif(sampleRoot, sampleFindings, { version: '0.1.0', informationUri: 'https://example.test', rules }));

    it('validates against the official SARIF 2.1.0 schema', () => {
      assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
    });

    it('the validator rejects a broken log (so the test above can fail)', () => {
      const broken = structuredClone(log);
      broken.runs[0].results[0].level = 'fatal';
      delete broken.runs[0].tool.driver.name;
      assert.equal(validate(broken), false);
    });

    it('carries rule metadata with help links and default levels', () => {
      const driver = log.runs[0].tool.driver;
      assert.equal(driver.name, 'clerk-toolkit');
      assert.equal(driver.version, '0.1.0');
      assert.deepEqual(driver.rules[0], {
        id: 'convex-jwt-template-mismatch',
        shortDescription: { text: 'JWT template mismatch' },
        fullDescription: { text: 'applicationID must equal the token aud.' },
        helpUri: 'https://example.test/docs/rules/convex-jwt-template-mismatch.md',
        help: { text: 'applicationID must equal the token aud. https://example.test/docs/rules/convex-jwt-template-mismatch.md' },
        defaultConfiguration: { level: 'error' },
      });
    });

    it('maps severities to levels, positions to 1-based regions and related info to relatedLocations', () => {
      const results = log.runs[0].results;
      assert.deepEqual(
        results.map((result: { level: string }) => result.level),
        ['warning', 'error', 'note', 'error'],
      );
      const mismatch = results[3];
      assert.equal(mismatch.ruleIndex, 0);
      assert.deepEqual(mismatch.locations[0].physicalLocation, {
        artifactLocation: { uri: 'convex/auth.config.ts', uriBaseId: 'SRCROOT' },
        region: { startLine: 5, startColumn: 22, endLine: 5, endColumn: 30 },
      });
      assert.equal(mismatch.relatedLocations[0].physicalLocation.artifactLocation.uri, 'components/ConvexClientProvider.tsx');
      assert.equal(mismatch.relatedLocations[0].message.text, 'ConvexProviderWithClerk sends aud "convex"');
      assert.equal(log.runs[0].originalUriBaseIds.SRCROOT.uri, 'file:///work/app/');
      // A finding of a rule missing from the metadata still validates, without a ruleIndex.
      assert.equal('ruleIndex' in results[2], false);
    });
  });
});
