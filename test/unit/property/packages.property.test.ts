import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as semver from 'semver';
import { createMemoryHost } from '../../../src/core/project/fileHost';
import { trackedPackages, type PackageJson } from '../../../src/core/project/types';
import { declaredRange, jsonValueOfKey, lowestVersionOf, resolveVersions } from '../../../src/core/project/versions';
import { trickyString } from './generators';
import { runs } from './runs';

/** Any JSON value, with the package names and version strings the readers look for among the keys and leaves. */
const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('16.0.3', '^15.2.0', '~1.2', 'workspace:*', 'npm:next@15.0.0', 'latest', '>=1 <2 || 3', 'x', '', null, true, 15, -1, 1e308),
    trickyString,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.oneof(
        fc.constantFrom(...trackedPackages, 'dependencies', 'devDependencies', 'peerDependencies', 'version', 'packages', 'node_modules/next'),
        trickyString,
      ),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

/** Lock files: generated JSON (npm, bun) and line-based text shaped like pnpm and yarn locks, or noise. */
const lockLine = fc.oneof(
  fc.constantFrom(
    'importers:',
    '  .:',
    '    dependencies:',
    '      next:',
    '        version: 16.0.3(react@19.0.0)',
    'dependencies:',
    '  next: 15.0.0_react@18',
    '"next@^16.0.0":',
    '  version "16.4.6"',
    '  version: 16.4.6',
    'next@npm:^15:',
    '#',
    '',
  ),
  trickyString,
);
const lockText = fc.oneof(
  json.map((value) => JSON.stringify(value)),
  fc.array(lockLine, { maxLength: 12 }).map((lines) => lines.join('\n')),
  fc.string({ unit: 'binary', maxLength: 120 }),
);

describe('property: package.json and lock file readers (issue 8 item 7)', () => {
  it(`a package.json of any shape: declared ranges are strings, versions are valid semver or absent (${runs.packageJson} inputs)`, () => {
    fc.assert(
      fc.property(json, (data) => {
        const pkg: PackageJson = { file: '/ws/package.json', data: data as PackageJson['data'] };
        for (const name of trackedPackages) {
          const range = declaredRange(pkg, name);
          assert.ok(range === undefined || typeof range === 'string');
          const lowest = range === undefined ? undefined : lowestVersionOf(range);
          assert.ok(lowest === undefined || semver.valid(lowest) !== null, String(lowest));
        }
        const host = createMemoryHost({ '/ws/package.json': JSON.stringify(data) });
        const versions = resolveVersions(host, '/ws', [pkg], '/ws');
        for (const [name, version] of Object.entries(versions)) {
          assert.ok((trackedPackages as readonly string[]).includes(name));
          assert.ok(semver.valid(version), `${name}: ${version}`);
        }
      }),
      { numRuns: runs.packageJson },
    );
  });

  it(`lock files and installed package.json files of any content give valid versions or none (${runs.lockFiles} inputs)`, () => {
    const lockName = fc.constantFrom('package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock');
    fc.assert(
      fc.property(lockName, lockText, json, fc.constantFrom('/ws', '/ws/apps/web'), (name, text, installed, packageDir) => {
        const host = createMemoryHost({
          [`/ws/${name}`]: text,
          '/ws/node_modules/convex/package.json': JSON.stringify(installed),
          [`${packageDir}/package.json`]: '{"dependencies":{"next":"^16.0.0"}}',
        });
        const pkg: PackageJson = { file: `${packageDir}/package.json`, data: { dependencies: { next: '^16.0.0' } } };
        const versions = resolveVersions(host, packageDir, [pkg], '/ws');
        for (const version of Object.values(versions)) assert.ok(semver.valid(version), version);
        for (const key of ['packages', 'node_modules/next', 'version']) jsonValueOfKeyOrSyntaxError(text, key);
      }),
      { numRuns: runs.lockFiles },
    );
  });
});

/** `jsonValueOfKey` parses one value: it may reject a broken one with a SyntaxError (callers catch it), never anything else. */
function jsonValueOfKeyOrSyntaxError(text: string, key: string): void {
  try {
    jsonValueOfKey(text, key);
  } catch (error) {
    assert.ok(error instanceof SyntaxError, String(error));
  }
}
