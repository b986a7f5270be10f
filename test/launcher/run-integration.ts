/**
 * Integration tier: the mocha suite in test/integration/suite runs inside the real VS Code extension
 * host (code-server), against a scratch copy of the fixture app; test/integration/multiroot/suite
 * runs on a multi-root workspace (a monorepo with a shared Convex package, and two copies of an app
 * with a finding, one turning its rule off in folder settings); the suite in test/untrusted runs
 * with Workspace Trust on (Restricted Mode); then the packaged .vsix is installed into a fresh
 * code-server and checked to activate there. Prints `N passed, N failed`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, repoRoot } from '../helpers/paths';
import { runSuite, type LaunchOptions } from './codeServer';
import { printHostLine, prepareMultiRootWorkspace, prepareWorkspace, readResults, removeWorkspace, reportTotals, type TierResult } from './workspace';

/** One code-server run of the suite in out/test/<suite> on a fresh copy of the fixture app (or the given workspace). */
async function runTier(label: string, suite: string, options: Partial<LaunchOptions> = {}): Promise<TierResult> {
  const workspace = options.workspace ?? prepareWorkspace('next16-convex');
  const resultsFile = path.join(path.dirname(workspace), `${label}-results.json`);
  const started = Date.now();
  try {
    const code = await runSuite({
      label,
      workspace,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', suite),
      env: { CLERK_TOOLKIT_TEST_RESULTS: resultsFile },
      onLog: printHostLine,
      ...options,
    });
    return readResults(label, resultsFile, code, Date.now() - started);
  } finally {
    removeWorkspace(workspace);
  }
}

/**
 * packages/backend: a Convex package (the auth config of the next16-convex fixture) whose
 * `applicationID` the `convex` JWT template requested in apps/web must match.
 */
function sharedConvexPackage(): Record<string, string> {
  return {
    'packages/backend/package.json': JSON.stringify({ name: '@monorepo/backend', private: true, dependencies: { convex: '1.48.0' } }, null, 2),
    'packages/backend/.env.example': 'CLERK_FRONTEND_API_URL=https://your-app.clerk.accounts.dev\n',
    'packages/backend/convex/auth.config.ts': fs.readFileSync(fixture('next16-convex', 'convex', 'auth.config.ts'), 'utf8'),
    'apps/web/app/dashboard/page.tsx': [
      "import { auth } from '@clerk/nextjs/server';",
      "import { fetchQuery } from 'convex/nextjs';",
      "import { api } from '@monorepo/backend/convex/_generated/api';",
      '',
      'export default async function Dashboard() {',
      '  const { getToken } = await auth();',
      "  const token = (await getToken({ template: 'convex' })) ?? undefined;",
      '  const user = await fetchQuery(api.users.current, {}, { token });',
      '  return <pre>{JSON.stringify(user)}</pre>;',
      '}',
      '',
    ].join('\n'),
  };
}

/** The folders test/integration/multiroot/suite expects (names are what the tests look up). */
function multiRootWorkspace(): string {
  return prepareMultiRootWorkspace([
    // test/fixtures/monorepo plus a shared Convex package and a page of apps/web that sends it tokens.
    { name: 'monorepo', fixture: 'monorepo', files: sharedConvexPackage() },
    { name: 'events-a', fixture: path.join('broken', 'webhook-event-type') },
    { name: 'events-b', fixture: path.join('broken', 'webhook-event-type'), settings: { 'clerkToolkit.rules': { 'webhook-event-type': 'off' } } },
    // A Next 15 app with src/app: the suite moves its middleware out of src/ to get the "Move" fix.
    { name: 'next15', fixture: 'next15-middleware' },
  ]);
}

async function main(): Promise<number> {
  // `--tier <label>` runs one of them (the .vsix check is skipped then).
  const only = process.argv.includes('--tier') ? process.argv[process.argv.indexOf('--tier') + 1] : undefined;
  const tiers: [string, () => Promise<TierResult>][] = [
    ['integration', () => runTier('integration', 'integration')],
    ['multiroot', () => runTier('multiroot', path.join('integration', 'multiroot'), { workspace: multiRootWorkspace() })],
    // Workspace Trust on: the folder opens in Restricted Mode (the startup prompt is suppressed).
    ['untrusted', () => runTier('untrusted', 'untrusted', { workspaceTrust: true })],
  ];
  const results: TierResult[] = [];
  for (const [label, run] of tiers) if (!only || only === label) results.push(await run());
  if (only) return reportTotals(results);

  const vsix = path.join(repoRoot, 'dist', 'clerk-auth-toolkit.vsix');
  if (process.argv.includes('--skip-vsix')) {
    console.log('[vsix] skipped by --skip-vsix');
  } else if (!fs.existsSync(vsix)) {
    console.error(`[vsix] ${vsix} is missing: run \`npm run package\` first`);
    results.push({ label: 'vsix', passed: 0, failed: 1, ms: 0 });
  } else {
    // An empty development path: the installed copy is the one that must activate.
    const noExtension = fs.mkdtempSync(path.join(repoRoot, '.cache', 'no-extension-'));
    try {
      results.push(await runTier('vsix', 'vsix', { installVsix: vsix, extensionDevelopmentPath: noExtension }));
    } finally {
      fs.rmSync(noExtension, { recursive: true, force: true });
    }
  }
  return reportTotals(results);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
