import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../src/core/rules/registry';
import { docsUrl } from '../../src/core/rules/rule';
import { repoRoot } from '../helpers/paths';
import { docsHeadingPattern, manifestRuleEnum, readmeRulesTable, withReadmeTable } from './rulesCatalog';

const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');
const update = 'run `node esbuild.config.mjs && node scripts/build-tests.mjs && node scripts/rules-catalog.mjs --write`';

describe('the rule catalog follows the registry', () => {
  it('the registry is sorted by id, without duplicates', () => {
    const ids = allRules.map((rule) => rule.id);
    assert.deepEqual(ids, [...new Set(ids)].sort());
  });

  it('package.json: clerkToolkit.rules accepts exactly the registered rule ids', () => {
    const setting = JSON.parse(read('package.json')).contributes.configuration.properties['clerkToolkit.rules'];
    assert.deepEqual(setting.propertyNames.enum, manifestRuleEnum(allRules), update);
  });

  it('README: the rules table lists every rule with its default severity and title', () => {
    const readme = read('README.md');
    assert.equal(readme, withReadmeTable(readme, readmeRulesTable(allRules)), update);
  });

  it('docs/rules holds one page per rule, headed by its id and default severity, where docsUrl points', () => {
    const pages = fs
      .readdirSync(path.join(repoRoot, 'docs', 'rules'))
      .filter((name) => name.endsWith('.md'))
      .sort();
    assert.deepEqual(
      pages,
      allRules.map((rule) => `${rule.id}.md`),
      'add or remove docs/rules/<id>.md with the rule',
    );
    for (const rule of allRules) {
      assert.match(read(`docs/rules/${rule.id}.md`).split('\n')[0], docsHeadingPattern(rule), `docs/rules/${rule.id}.md`);
      assert.ok(docsUrl(rule.id).endsWith(`/docs/rules/${rule.id}.md`), docsUrl(rule.id));
    }
  });

  it('the README table fails when a rule is added, removed or renamed', () => {
    const readme = read('README.md');
    const renamed = allRules.map((rule, index) => (index === 0 ? { ...rule, id: `${rule.id}-renamed` } : rule));
    assert.notEqual(withReadmeTable(readme, readmeRulesTable(renamed)), readme);
    assert.notEqual(withReadmeTable(readme, readmeRulesTable(allRules.slice(1))), readme);
  });
});
