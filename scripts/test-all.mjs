// `npm test`: type-check, lint (ESLint + Prettier), unit (mocha, plain Node; its Neovim client test
// needs the Debian packages the setup step installs), integration (mocha in the real VS Code extension
// host, plus the packaged .vsix installed and activated), end-to-end (headless Chromium against the
// workbench). Every tier runs even when an earlier one failed, so one CI log shows everything.
// The unit tier runs in a fresh temporary copy of the checkout (`checkout-copy.mjs`), built there:
// a test that reads outside the repository fails it. Ends with the plain line `N passed, N failed` over all tiers.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyCheckout } from './checkout-copy.mjs';

const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'clerk-toolkit-test-'));
const tiers = [];

function run(command, args, env = {}, cwd = root) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function step(label, command, args, counts, cwd = root) {
  console.log(`\n=== ${label}${cwd === root ? '' : ` (in ${cwd})`} ===`);
  const started = Date.now();
  const summary = join(scratch, `${label}.json`);
  const { code, output } = await run(command, args, { CLERK_TOOLKIT_TIER_SUMMARY: summary }, cwd);
  const ms = Date.now() - started;
  const result = { label, ms, ...(counts ? counts(output, summary) : { passed: 0, failed: 0 }) };
  if (code !== 0 && result.failed === 0) result.failed = 1;
  tiers.push(result);
  console.log(`=== ${label}: exit ${code} in ${(ms / 1000).toFixed(1)} s ===`);
  return code;
}

const mochaCounts = (output) => ({
  passed: Number(/(\d+) passing/.exec(output)?.[1] ?? 0),
  failed: Number(/(\d+) failing/.exec(output)?.[1] ?? 0),
});
const summaryCounts = (_output, file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { passed: 0, failed: 1 };
  }
};

await step('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
await step('lint', 'npm', ['run', '--silent', 'lint']);
const built = await step('build', 'node', ['esbuild.config.mjs']);
await step('build-tests', 'node', ['scripts/build-tests.mjs']);
const setup = await step('setup-code-server', 'bash', ['scripts/setup-code-server.sh']);
const unitCopy = copyCheckout(root);
console.log(`\nunit tier: in a fresh copy of the checkout, ${unitCopy} (nothing beside it: a read outside the repository fails)`);
// The bundles the build step just made, git-ignored so not in the copy (language-server tests start
// dist/cli.js, the CLI package's tests pack packages/cli/dist); out/ is built in the copy.
for (const built of ['dist', 'packages/cli/dist']) {
  if (existsSync(join(root, built))) cpSync(join(root, built), join(unitCopy, built), { recursive: true });
}
await step('unit-build', 'node', ['scripts/build-tests.mjs'], undefined, unitCopy);
await step('unit', 'npx', ['mocha', '--config', '.mocharc.json'], mochaCounts, unitCopy);
rmSync(unitCopy, { recursive: true, force: true });
await step('package', 'npm', ['run', '--silent', 'package']);
if (built === 0 && setup === 0) {
  await step('integration', 'node', ['out/test/launcher/run-integration.js'], summaryCounts);
  await step('e2e', 'node', ['out/test/launcher/run-e2e.js'], summaryCounts);
} else {
  console.error('integration and e2e tiers not run: the build or the code-server setup failed');
  tiers.push({ label: 'integration+e2e', ms: 0, passed: 0, failed: 1 });
}
rmSync(scratch, { recursive: true, force: true });

console.log('\n=== summary ===');
for (const t of tiers) {
  const counts = t.passed || t.failed ? `  ${t.passed} passed, ${t.failed} failed` : t.failed ? '  FAILED' : '';
  console.log(`${t.label.padEnd(18)} ${(t.ms / 1000).toFixed(1).padStart(6)} s${counts}`);
}
const passed = tiers.reduce((sum, t) => sum + t.passed, 0);
const failed = tiers.reduce((sum, t) => sum + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
