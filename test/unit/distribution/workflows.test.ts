import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { fixture, repoRoot } from '../../helpers/paths';
import { sarifValidator } from '../cli/sarifSchema';

/**
 * The release workflow and the GitHub Action, read as GitHub reads them (YAML) without running them
 * on GitHub: which job publishes what, with which token, and what the action's script does when it
 * runs the CLI (its `npx` replaced by the package built here).
 */

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  shell?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string;
  environment?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}
interface Action {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

function readYaml<T>(relative: string): T {
  const document = parseDocument(fs.readFileSync(path.join(repoRoot, relative), 'utf8'));
  assert.deepEqual([...document.errors, ...document.warnings], [], relative);
  return document.toJS() as T;
}

const readJson = <T>(relative: string): T => JSON.parse(fs.readFileSync(path.join(repoRoot, relative), 'utf8')) as T;
const installedVersion = (name: string) => readJson<{ version: string }>(`node_modules/${name}/package.json`).version;

/** Where in `value` an expression reads `secrets.*`: `jobs.x.steps.2.env.NAME` → secret name. */
function secretReferences(value: unknown, at: string[] = [], found = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') {
    for (const match of value.matchAll(/\$\{\{\s*secrets\.(\w+)\s*\}\}/g)) found.set(at.join('.'), match[1]);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) secretReferences(child, [...at, key], found);
  }
  return found;
}

/** markdown-it (no type declarations are installed): the README's code blocks. */
const MarkdownIt = createRequire(__filename)('markdown-it') as new () => {
  parse(markdown: string, env: object): { type: string; info: string; content: string }[];
};
const readmeYamlBlocks = () =>
  new MarkdownIt()
    .parse(fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8'), {})
    .filter((token) => token.type === 'fence' && token.info.trim() === 'yaml')
    .map((token) => token.content);

const allSteps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);

describe('distribution: GitHub workflows', () => {
  describe('.github/workflows/release.yml', () => {
    const workflow = readYaml<Workflow>('.github/workflows/release.yml');
    const vsix = / --out (\S+)/.exec(readJson<{ scripts: Record<string, string> }>('package.json').scripts.package)![1];

    it('runs on version tags with read-only permissions by default', () => {
      assert.deepEqual(workflow.on.push.tags, ['v*']);
      assert.deepEqual(workflow.permissions, { contents: 'read' });
    });

    it('builds once: the .vsix of `npm run package` and the CLI tarball, handed to the publish jobs as one artifact', () => {
      const runs = workflow.jobs.package.steps.map((step) => step.run ?? '');
      assert.ok(runs.includes('npm ci') && runs.includes('npm run package'), runs.join('\n'));
      assert.ok(runs.includes('npm pack ./packages/cli --pack-destination dist'));
      const upload = workflow.jobs.package.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'))!;
      assert.deepEqual(upload.with!.path.trim().split('\n'), [vsix, 'dist/clerk-toolkit-*.tgz']);
      for (const job of ['vs-marketplace', 'open-vsx', 'npm']) {
        assert.equal(workflow.jobs[job].needs, 'package', job);
        const download = workflow.jobs[job].steps.find((step) => step.uses?.startsWith('actions/download-artifact@'));
        assert.equal(download?.with?.name, upload.with!.name, job);
      }
    });

    it('publishes that .vsix with the installed vsce and ovsx, and the tarball with npm', () => {
      const publishRun = (job: string) => workflow.jobs[job].steps.map((step) => step.run).find(Boolean);
      const file = path.basename(vsix);
      assert.equal(publishRun('vs-marketplace'), `npx --yes @vscode/vsce@${installedVersion('@vscode/vsce')} publish --packagePath ${file}`);
      assert.equal(publishRun('open-vsx'), `npx --yes ovsx@${installedVersion('ovsx')} publish ${file}`);
      assert.equal(publishRun('npm'), 'npm publish clerk-toolkit-*.tgz --provenance --access public');
      assert.equal(workflow.jobs.npm.permissions?.['id-token'], 'write');
    });

    it('gives each token to the one step that publishes with it, as an environment variable, never on a command line', () => {
      const references = Object.fromEntries(secretReferences(workflow.jobs));
      assert.deepEqual(references, {
        'vs-marketplace.steps.2.env.VSCE_PAT': 'VSCE_PAT',
        'open-vsx.steps.2.env.OVSX_PAT': 'OVSX_PAT',
        'npm.steps.2.env.NODE_AUTH_TOKEN': 'NPM_TOKEN',
      });
      for (const job of ['vs-marketplace', 'open-vsx', 'npm']) assert.equal(workflow.jobs[job].environment, 'release', job);
    });

    it('pins every action to a major version', () => {
      for (const step of allSteps(workflow).filter((step) => step.uses)) assert.match(step.uses!, /^[\w-]+\/[\w-]+@v\d+$/);
    });
  });

  describe('action.yml (composite: check --format sarif, upload to code scanning)', () => {
    const action = readYaml<Action>('action.yml');
    const steps = action.runs.steps;

    it('is a composite action that runs the published CLI version and uploads the report with upload-sarif', () => {
      assert.equal(action.runs.using, 'composite');
      assert.equal(action.inputs.version.default, readJson<{ version: string }>('packages/cli/package.json').version);
      const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
      assert.match(upload.uses!, /@v\d+$/);
      assert.equal(upload.with!.sarif_file, '${{ inputs.sarif-file }}');
      assert.equal(upload.if, "inputs.upload == 'true'");
      assert.equal(action.outputs['exit-code'].value, '${{ steps.check.outputs.exit-code }}');
    });

    it('passes inputs to its scripts through the environment only (no expression inside a script)', () => {
      for (const step of steps.filter((step) => step.run)) {
        assert.doesNotMatch(step.run!, /\$\{\{/, step.name);
        assert.equal(step.shell, 'bash', step.name);
      }
    });

    it("is what the README's example uses, with inputs it has, and the README lists every input", () => {
      const blocks = readmeYamlBlocks().map((block) => {
        const document = parseDocument(block);
        assert.deepEqual(document.errors, [], block);
        return document.toJS() as { jobs?: Record<string, Job> };
      });
      const usage = blocks
        .flatMap((block) => Object.values(block.jobs ?? {}).flatMap((job) => job.steps))
        .find((step) => step.uses?.startsWith('clerk-auth-toolkit/clerk-auth-toolkit@'));
      assert.equal(usage?.uses, `clerk-auth-toolkit/clerk-auth-toolkit@v${action.inputs.version.default}`);
      for (const input of Object.keys(usage.with ?? {})) assert.ok(input in action.inputs, input);
      const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
      for (const input of Object.keys(action.inputs)) assert.ok(readme.includes(`| \`${input}\` |`), input);
    });

    describe("its check script, with npx running this repository's package", () => {
      const check = steps.find((step) => step.id === 'check')!;
      let scratch: string;

      before(() => {
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-action-'));
        // The stand-in npx accepts only the call the script should make, and runs the built package.
        const bin = path.join(repoRoot, 'packages', 'cli', 'bin', 'clerk-toolkit.js');
        const npx = `#!/bin/bash\necho "$*" > "$NPX_CALL"\n[ "$1" = --yes ] && [ "$2" = "clerk-toolkit@$EXPECTED_VERSION" ] || exit 99\nexec "${process.execPath}" "${bin}" "\${@:3}"\n`;
        fs.mkdirSync(path.join(scratch, 'bin'));
        fs.writeFileSync(path.join(scratch, 'bin', 'npx'), npx, { mode: 0o755 });
      });
      after(() => fs.rmSync(scratch, { recursive: true, force: true }));

      /** Runs the step's script as the runner runs `shell: bash`, with inputs at their defaults unless given. */
      function runCheckStep(inputs: Record<string, string>, workspace: string) {
        const values = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, inputs[name] ?? input.default]));
        const env = Object.fromEntries(Object.entries(check.env!).map(([name, expression]) => [name, values[/inputs\.([\w-]+)/.exec(expression)![1]]]));
        const output = path.join(scratch, 'github-output');
        fs.writeFileSync(output, '');
        const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', check.run!], {
          cwd: workspace,
          encoding: 'utf8',
          timeout: 120_000,
          env: {
            ...process.env,
            ...env,
            PATH: `${path.join(scratch, 'bin')}${path.delimiter}${process.env.PATH}`,
            GITHUB_OUTPUT: output,
            NPX_CALL: path.join(scratch, 'npx-call'),
            EXPECTED_VERSION: values.version,
          },
        });
        return {
          code: result.status,
          stderr: result.stderr,
          outputs: fs.readFileSync(output, 'utf8'),
          npxCall: fs.readFileSync(path.join(scratch, 'npx-call'), 'utf8').trim(),
        };
      }

      it('writes a valid SARIF report of the findings and leaves failing to the step after the upload', () => {
        const workspace = path.join(scratch, 'workspace');
        fs.cpSync(fixture('cli-broken'), workspace, { recursive: true });
        const result = runCheckStep({ 'fail-on': 'warning' }, workspace);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.outputs, 'exit-code=1\n');
        assert.equal(result.npxCall, `--yes clerk-toolkit@${action.inputs.version.default} check . --format sarif --fail-on warning`);
        const sarif = JSON.parse(fs.readFileSync(path.join(workspace, 'clerk-toolkit.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
        const validate = sarifValidator();
        assert.ok(validate(sarif), JSON.stringify(validate.errors));
        assert.equal(sarif.runs[0].results.length, 4);
      });

      it('fails at once, with the exit code, when the folder has nothing to check', () => {
        const workspace = fs.mkdtempSync(path.join(scratch, 'empty-'));
        const result = runCheckStep({ 'fail-on': 'none', args: '--process-env' }, workspace);
        assert.equal(result.code, 2);
        assert.equal(result.outputs, 'exit-code=2\n');
        assert.equal(result.npxCall, `--yes clerk-toolkit@${action.inputs.version.default} check . --format sarif --fail-on error --process-env`);
      });
    });
  });
});
