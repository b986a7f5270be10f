import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as semver from 'semver';
import { allRules } from '../../src/core/rules/registry';
import { repoRoot } from '../helpers/paths';

/** The packages whose facts docs/verified-against.md records, one column each. */
const trackedPackages = ['@clerk/nextjs', '@clerk/backend', 'convex', 'next'];

interface VerifiedRow {
  rule: string;
  /** Versions checked per package; empty when the rule relies on nothing in it (`—`). */
  versions: Record<string, string[]>;
}

/** Table cells, split on `|` that is not escaped (`\|` appears inside code spans). */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function parseVerifiedTable(markdown: string): VerifiedRow[] {
  const lines = markdown.split('\n').filter((line) => line.trim().startsWith('|'));
  assert.ok(lines.length > 2, 'docs/verified-against.md has a table');
  const header = cells(lines[0]);
  const columns = trackedPackages.map((name) => {
    const index = header.indexOf(name);
    assert.notEqual(index, -1, `the table has a ${name} column`);
    return { name, index };
  });
  return lines.slice(2).map((line) => {
    const row = cells(line);
    const rule = /^`([a-z0-9-]+)`$/.exec(row[0])?.[1];
    assert.ok(rule, `first cell is a rule id in backticks: ${row[0]}`);
    const versions: Record<string, string[]> = {};
    for (const { name, index } of columns) {
      const cell = row[index];
      versions[name] = cell === '—' ? [] : cell.split(',').map((version) => version.trim());
      for (const version of versions[name]) assert.ok(semver.valid(version), `${rule}: ${name} "${version}" is an exact version or —`);
    }
    return { rule, versions };
  });
}

/** "rule: package pinned X, verified up to Y" for every row whose facts predate a pinned version. */
function staleEntries(rows: VerifiedRow[], pins: Record<string, string>): string[] {
  const stale: string[] = [];
  for (const row of rows) {
    for (const [name, checked] of Object.entries(row.versions)) {
      const pinned = pins[name];
      if (!pinned || checked.length === 0) continue;
      const newest = semver.rsort([...checked])[0];
      if (semver.gt(pinned, newest)) stale.push(`${row.rule}: ${name} pinned ${pinned}, verified up to ${newest}`);
    }
  }
  return stale;
}

describe('docs/verified-against.md', () => {
  const rows = parseVerifiedTable(fs.readFileSync(path.join(repoRoot, 'docs', 'verified-against.md'), 'utf8'));
  const snippetPackage = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'snippet-project', 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const pins = Object.fromEntries(trackedPackages.map((name) => [name, snippetPackage.dependencies[name]]));

  it('lists every rule of the registry', () => {
    const listed = new Set(rows.map((row) => row.rule));
    assert.deepEqual(
      allRules.map((rule) => rule.id).filter((id) => !listed.has(id)),
      [],
    );
  });

  it('is not older than the versions the snippet project pins', () => {
    for (const name of trackedPackages) assert.ok(semver.valid(pins[name]), `test/snippet-project pins ${name} exactly`);
    assert.deepEqual(staleEntries(rows, pins), []);
    // Each pinned package was checked for at least one rule.
    for (const name of trackedPackages)
      assert.ok(
        rows.some((row) => row.versions[name].length > 0),
        `some rule was checked against ${name}`,
      );
  });

  it('reports a pin newer than a row, using the newest version of a cell', () => {
    const table = '| rule | @clerk/nextjs | @clerk/backend | convex | next |\n|---|---|---|---|---|\n| `a` | 4.31.8, 7.9.17 | — | 1.48.0 | — |\n';
    const parsed = parseVerifiedTable(table);
    assert.deepEqual(staleEntries(parsed, { '@clerk/nextjs': '7.9.17', convex: '1.48.0' }), []);
    assert.deepEqual(staleEntries(parsed, { '@clerk/nextjs': '7.10.0', convex: '1.48.1' }), [
      'a: @clerk/nextjs pinned 7.10.0, verified up to 7.9.17',
      'a: convex pinned 1.48.1, verified up to 1.48.0',
    ]);
  });
});
