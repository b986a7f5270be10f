// Rewrites what the rule registry dictates: the `clerkToolkit.rules` key enum in package.json and the
// README rules table. Reads the compiled registry, so build first:
//   node esbuild.config.mjs && node scripts/build-tests.mjs && node scripts/rules-catalog.mjs [--write]
// Without --write it only reports what is out of date (exit 1). Docs pages are written by hand
// (test/unit/rulesCatalog.test.ts checks that each rule has one).
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const { allRules } = require(join(root, 'out/src/core/rules/registry.js'));
const { manifestRuleEnum, readmeRulesTable, withReadmeTable } = require(join(root, 'out/test/unit/rulesCatalog.js'));
const write = process.argv.includes('--write');

const stale = [];
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const newReadme = withReadmeTable(readme, readmeRulesTable(allRules));
if (newReadme !== readme) {
  stale.push('README.md rules table');
  if (write) writeFileSync(readmePath, newReadme);
}

// Only the enum changes; the rest of package.json keeps its text (two-space JSON, as written).
const manifestPath = join(root, 'package.json');
const manifestText = readFileSync(manifestPath, 'utf8');
const manifest = JSON.parse(manifestText);
const setting = manifest.contributes.configuration.properties['clerkToolkit.rules'];
const wanted = manifestRuleEnum(allRules);
if (JSON.stringify(setting.propertyNames.enum) !== JSON.stringify(wanted)) {
  stale.push('package.json clerkToolkit.rules enum');
  setting.propertyNames.enum = wanted;
  if (write) writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

if (stale.length === 0) console.log('rule catalog up to date');
else if (write) console.log(`updated: ${stale.join(', ')}`);
else {
  console.error(`out of date: ${stale.join(', ')} (run with --write)`);
  process.exitCode = 1;
}
