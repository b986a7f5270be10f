import * as assert from 'node:assert/strict';
import { jsonValueOfKey, lockedVersion } from '../../../src/core/project/versions';

/** The locked version of `name` for the package at `/ws/<relative>`, with `files` at the workspace root. */
function locked(files: Record<string, string>, name: 'next' | '@clerk/nextjs' | 'convex', relative = ''): string | undefined {
  const contents = new Map(Object.entries(files).map(([file, text]) => [`/ws/${file}`, text]));
  return lockedVersion((file) => contents.get(file), relative ? `/ws/${relative}` : '/ws', undefined, '/ws', name);
}

const pnpmV9 = `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true

importers:

  .:
    devDependencies:
      next:
        specifier: ^15.0.0
        version: 15.0.4(react@19.3.1)

  apps/admin:
    dependencies:
      next:
        specifier: ^15.5.0
        version: 15.5.9(react@19.3.1)

  apps/web:
    dependencies:
      '@clerk/nextjs':
        specifier: ^7.9.0
        version: 7.9.17(next@16.4.6(react@19.3.1))(react@19.3.1)
      # a comment between entries
      next:
        specifier: 16.4.6
        version: 16.4.6(react@19.3.1)
    devDependencies:
      convex:
        specifier: ^1.48.0
        version: 1.48.0

packages:

  next@14.2.0:
    resolution: {integrity: sha512-x}

  convex@1.10.0:
    resolution: {integrity: sha512-y}

snapshots:

  next@14.2.0:
    dependencies:
      convex: 1.10.0
`;

describe('lock files: only the entries of the tracked packages are read', () => {
  it('pnpm-lock v9: the importer of the package, scoped names quoted, peer suffixes dropped, dev dependencies', () => {
    assert.equal(locked({ 'pnpm-lock.yaml': pnpmV9 }, 'next', 'apps/web'), '16.4.6');
    assert.equal(locked({ 'pnpm-lock.yaml': pnpmV9 }, '@clerk/nextjs', 'apps/web'), '7.9.17');
    assert.equal(locked({ 'pnpm-lock.yaml': pnpmV9 }, 'convex', 'apps/web'), '1.48.0');
    assert.equal(locked({ 'pnpm-lock.yaml': pnpmV9 }, 'next', 'apps/admin'), '15.5.9');
    assert.equal(locked({ 'pnpm-lock.yaml': pnpmV9 }, 'next'), '15.0.4', 'the root importer `.`');
    // Neither another importer's entry nor the `packages:`/`snapshots:` sections count.
    assert.equal(locked({ 'pnpm-lock.yaml': pnpmV9 }, 'convex', 'apps/admin'), undefined);
  });

  it('pnpm-lock v5 (inline versions with `_` peer suffixes) and single-package locks', () => {
    const v5 =
      "lockfileVersion: 5.4\n\nspecifiers:\n  next: ^13.4.0\n\ndependencies:\n  next: 13.4.19_react@18.2.0\n  '@clerk/nextjs': 4.29.1_next@13.4.19\n\npackages:\n\n  /next/12.0.0:\n    resolution: {integrity: x}\n";
    assert.equal(locked({ 'pnpm-lock.yaml': v5 }, 'next'), '13.4.19');
    assert.equal(locked({ 'pnpm-lock.yaml': v5 }, '@clerk/nextjs'), '4.29.1');
    const v6Single = "lockfileVersion: '6.0'\n\ndevDependencies:\n  convex:\n    specifier: ^1.20.0\n    version: 1.21.0\n";
    assert.equal(locked({ 'pnpm-lock.yaml': v6Single }, 'convex'), '1.21.0');
    assert.equal(locked({ 'pnpm-lock.yaml': v6Single }, 'next'), undefined);
  });

  it('package-lock v3: the workspace-nested entry first, then the hoisted one; nested install paths and strings do not match', () => {
    const lock = JSON.stringify(
      {
        name: 'ws',
        lockfileVersion: 3,
        packages: {
          '': { name: 'ws', workspaces: ['apps/*'] },
          'node_modules/some-tool': { version: '1.0.0', description: 'mentions "node_modules/next": {"version": "0.0.1"} in a string' },
          'node_modules/some-tool/node_modules/next': { version: '12.0.0' },
          'apps/web/node_modules/next': { version: '16.4.6' },
          'node_modules/next': { version: '15.5.9', dependencies: { '@next/env': '15.5.9' }, engines: { node: '>=18' } },
          'node_modules/@clerk/nextjs': { version: '7.9.17' },
        },
      },
      null,
      2,
    );
    assert.equal(locked({ 'package-lock.json': lock }, 'next', 'apps/web'), '16.4.6');
    assert.equal(locked({ 'package-lock.json': lock }, 'next', 'apps/admin'), '15.5.9');
    assert.equal(locked({ 'package-lock.json': lock }, 'next'), '15.5.9');
    assert.equal(locked({ 'package-lock.json': lock }, '@clerk/nextjs', 'apps/web'), '7.9.17');
    assert.equal(locked({ 'package-lock.json': lock }, 'convex'), undefined);
  });

  it('package-lock v1 (`dependencies` only) is still read', () => {
    const v1 = JSON.stringify({ name: 'app', lockfileVersion: 1, dependencies: { next: { version: '12.3.4', requires: { react: '^18' } } } });
    assert.equal(locked({ 'package-lock.json': v1 }, 'next'), '12.3.4');
  });

  it('a broken lock file leaves the version unknown instead of failing', () => {
    assert.equal(locked({ 'package-lock.json': '{ "packages": { "node_modules/next": { "version": ' }, 'next'), undefined);
    assert.equal(locked({ 'pnpm-lock.yaml': 'importers:\n  .:\n    dependencies:\n      next:\n' }, 'next'), undefined);
  });

  it('jsonValueOfKey parses one value: objects, arrays, strings with brackets and escapes, scalars', () => {
    const text = '{"a": {"b": "}]\\"{", "c": [1, {"d": 2}]}, "e" : 3, "f": "x\\"y", "g": null}';
    assert.deepEqual(jsonValueOfKey(text, 'a'), { b: '}]"{', c: [1, { d: 2 }] });
    assert.equal(jsonValueOfKey(text, 'e'), 3);
    assert.equal(jsonValueOfKey(text, 'f'), 'x"y');
    assert.equal(jsonValueOfKey(text, 'g'), null);
    assert.equal(jsonValueOfKey(text, 'missing'), undefined);
    assert.equal(jsonValueOfKey('{"note": "d", "d": 4}', 'd'), 4, 'a string value equal to the key is not the key');
  });
});
