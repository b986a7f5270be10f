import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as semver from 'semver';
import * as ts from 'typescript';
import { repoRoot } from '../../helpers/paths';

/**
 * `engines.vscode` is the oldest VS Code the extension installs in. Cursor 2.0 is VS Code 1.99.3 and
 * refuses a higher floor, so every API the code uses must exist in 1.99: the code that imports
 * `vscode` (src/extension) is type-checked against @types/vscode 1.99.0, installed as
 * `vscode-engine-types`, while the rest of the build may use newer typings.
 */

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const manifest = readJson<{ engines: { vscode: string }; devDependencies: Record<string, string> }>(path.join(repoRoot, 'package.json'));
const engineTypes = path.join(repoRoot, 'node_modules', 'vscode-engine-types');
const floor = semver.minVersion(manifest.engines.vscode)!;

describe('distribution: engines.vscode', function () {
  this.timeout(120_000);

  it('admits Cursor 2.0 (VS Code 1.99.3) and is met by vscode-languageclient 11', () => {
    assert.ok(semver.satisfies('1.99.3', manifest.engines.vscode), manifest.engines.vscode);
    const client = readJson<{ engines: { vscode: string } }>(path.join(repoRoot, 'node_modules', 'vscode-languageclient', 'package.json'));
    assert.ok(semver.gte(floor, semver.minVersion(client.engines.vscode)!), `vscode-languageclient needs ${client.engines.vscode}`);
  });

  it('is the version of the typings the check below uses, and no older than @types/vscode (vsce refuses that)', () => {
    const { version } = readJson<{ version: string }>(path.join(engineTypes, 'package.json'));
    assert.equal(`${semver.major(version)}.${semver.minor(version)}`, `${floor.major}.${floor.minor}`);
    const types = semver.minVersion(manifest.devDependencies['@types/vscode'])!;
    assert.ok(
      semver.lte(`${types.major}.${types.minor}.0`, `${floor.major}.${floor.minor}.0`),
      `@types/vscode ${types.version} is newer than engines ${manifest.engines.vscode}`,
    );
  });

  it('src/extension type-checks against the VS Code API of that version', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(repoRoot, 'tsconfig.json'),
      { noEmit: true, types: ['node'], baseUrl: repoRoot, paths: { vscode: [engineTypes] } },
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => assert.fail(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')) },
    )!;
    const extensionFiles = config.fileNames.filter((file) => file.startsWith(path.join(repoRoot, 'src', 'extension') + path.sep));
    assert.ok(extensionFiles.length > 10, `${extensionFiles.length} files`);
    const program = ts.createProgram(extensionFiles, config.options);
    const typings = program.getSourceFiles().filter((file) => /(vscode-engine-types|@types[\\/]vscode)[\\/]index\.d\.ts$/.test(file.fileName));
    assert.deepEqual(
      typings.map((file) => fs.realpathSync(file.fileName)),
      [fs.realpathSync(path.join(engineTypes, 'index.d.ts'))],
      'vscode resolves to the engine typings only',
    );
    const errors = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file
        ? `${path.relative(repoRoot, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}: `
        : '';
      return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    });
    assert.deepEqual(errors, []);
  });
});
