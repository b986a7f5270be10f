import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { JsonFinding } from '../../../src/cli/format/json';
import { fixture, repoRoot } from '../../helpers/paths';

/**
 * rules.md, "What the evaluation expects": each seeded mistake, alone, on a copy of the correct
 * Next 16 + Convex fixture, is found by `clerk-toolkit check --format json` with the right rule
 * at the right file and line, the exit code follows the severity, and no output repeats a secret.
 */

const cli = path.join(repoRoot, 'out', 'src', 'cli', 'main.js');
const source = fixture('next16-convex');
const envText = fs.readFileSync(path.join(source, '.env.local'), 'utf8');
/** Every secret value in the fixture's .env.local (sk_… and whsec_…). */
const secretValues = [...envText.matchAll(/^[A-Z_]+=((?:sk|whsec)_\S+)$/gm)].map((match) => match[1]);

function runCheck(dir: string): { code: number | null; stdout: string; stderr: string; findings: JsonFinding[] } {
  const env = { ...process.env };
  // Only the checked folder's env files count, not the test runner's environment.
  for (const name of Object.keys(env)) if (name.includes('CLERK') || name.includes('CONVEX')) delete env[name];
  const result = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json'], { cwd: repoRoot, env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, findings: JSON.parse(result.stdout) as JsonFinding[] };
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const full = path.join(dir, file);
  const before = fs.readFileSync(full, 'utf8');
  const after = change(before);
  assert.notEqual(after, before, `the seed must change ${file}`);
  fs.writeFileSync(full, after);
}

/** 1-based line of the first occurrence of `needle` in the seeded file. */
function lineOf(dir: string, file: string, needle: string): number {
  const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  assert.notEqual(index, -1, `${needle} not in ${file}`);
  return index + 1;
}

const recommendedMatcher = `export const config = {
  matcher: [
    '/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    '/(api|trpc)(.*)',
    '/__clerk/(.*)',
  ],
};
`;

interface Seed {
  name: string;
  apply(dir: string): void;
  ruleId: string;
  severity: 'error' | 'warning';
  file: string;
  /** Text on the line the finding must start on, in the seeded file. */
  lineText: string;
}

const seeds: Seed[] = [
  {
    name: 'applicationID renamed to "Convex"',
    apply: (dir) => edit(dir, 'convex/auth.config.ts', (text) => text.replace("applicationID: 'convex'", "applicationID: 'Convex'")),
    ruleId: 'convex-jwt-template-mismatch',
    severity: 'error',
    file: 'convex/auth.config.ts',
    lineText: "applicationID: 'Convex'",
  },
  {
    name: 'CLERK_SECRET_KEY deleted from .env.local',
    apply: (dir) => edit(dir, '.env.local', (text) => text.replace(/^CLERK_SECRET_KEY=.*\n/m, '')),
    ruleId: 'env-missing',
    severity: 'error',
    // The fix adds the key to .env.local; the finding sits at the top of that file.
    file: '.env.local',
    lineText: '# Deployment used by `npx convex dev`',
  },
  {
    name: 'a pk_live_ key against an sk_test_ key',
    apply: (dir) =>
      edit(dir, '.env.local', (text) =>
        text.replace(/^NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=.*$/m, `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_live_${Buffer.from('clerk.example.com$').toString('base64').replace(/=+$/, '')}`),
      ),
    ruleId: 'key-instance-mismatch',
    severity: 'error',
    file: '.env.local',
    lineText: 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_live_',
  },
  {
    name: '/api/webhooks protected by a createRouteMatcher callback on /api(.*)',
    apply: (dir) =>
      fs.writeFileSync(
        path.join(dir, 'proxy.ts'),
        `import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';

const isProtectedRoute = createRouteMatcher(['/dashboard(.*)', '/api(.*)']);

export default clerkMiddleware(async (auth, req) => {
  if (isProtectedRoute(req)) await auth.protect();
});

${recommendedMatcher}`,
      ),
    ruleId: 'webhook-route-protected',
    severity: 'error',
    file: 'proxy.ts',
    lineText: "'/api(.*)'",
  },
  {
    name: '/api/webhooks left out of the public list of a protect-everything middleware',
    apply: (dir) =>
      fs.writeFileSync(
        path.join(dir, 'proxy.ts'),
        `import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';

const isPublicRoute = createRouteMatcher(['/', '/sign-in(.*)', '/sign-up(.*)']);

export default clerkMiddleware(async (auth, req) => {
  if (!isPublicRoute(req)) await auth.protect();
});

${recommendedMatcher}`,
      ),
    ruleId: 'webhook-route-protected',
    severity: 'error',
    file: 'proxy.ts',
    lineText: 'const isPublicRoute = createRouteMatcher(',
  },
  {
    name: 'every route the matcher selects protected, /api included',
    apply: (dir) => edit(dir, 'proxy.ts', (text) => text.replace('export default clerkMiddleware();', 'export default clerkMiddleware(async (auth) => {\n  await auth.protect();\n});')),
    ruleId: 'webhook-route-protected',
    severity: 'error',
    file: 'proxy.ts',
    lineText: 'await auth.protect();',
  },
  {
    name: 'the body re-serialized before new Webhook(secret).verify',
    apply: (dir) =>
      fs.writeFileSync(
        path.join(dir, 'app/api/webhooks/clerk/route.ts'),
        `import { Webhook } from 'svix';
import type { WebhookEvent } from '@clerk/nextjs/webhooks';

export async function POST(req: Request) {
  const headers = {
    'svix-id': req.headers.get('svix-id') ?? '',
    'svix-timestamp': req.headers.get('svix-timestamp') ?? '',
    'svix-signature': req.headers.get('svix-signature') ?? '',
  };
  let evt: WebhookEvent;
  try {
    evt = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify(JSON.stringify(await req.json()), headers) as WebhookEvent;
  } catch {
    return new Response('Error verifying webhook', { status: 400 });
  }
  if (evt.type === 'user.created') {
    console.log('New user', evt.data.id);
  }
  return new Response('Webhook received', { status: 200 });
}
`,
      ),
    ruleId: 'webhook-raw-body',
    severity: 'error',
    file: 'app/api/webhooks/clerk/route.ts',
    lineText: 'JSON.stringify(await req.json())',
  },
  {
    name: "the event type misspelled 'user.create' in the Next route",
    apply: (dir) => edit(dir, 'app/api/webhooks/clerk/route.ts', (text) => text.replace("'user.created'", "'user.create'")),
    ruleId: 'webhook-event-type',
    severity: 'warning',
    file: 'app/api/webhooks/clerk/route.ts',
    lineText: "'user.create'",
  },
  {
    name: "the event type misspelled 'user.create' in the Convex HTTP action",
    apply: (dir) => edit(dir, 'convex/http.ts', (text) => text.replace("case 'user.created':", "case 'user.create':")),
    ruleId: 'webhook-event-type',
    severity: 'warning',
    file: 'convex/http.ts',
    lineText: "case 'user.create':",
  },
];

describe('seeded mistakes on next16-convex (CLI, --format json)', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-seeded-'));
    fs.cpSync(source, dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the fixture has secrets to leak (guards the secret checks below)', () => {
    assert.equal(secretValues.length, 2);
  });

  it('unseeded: clean, exit 0', () => {
    const result = runCheck(dir);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      result.findings.filter((f) => f.severity !== 'info'),
      [],
    );
  });

  for (const seed of seeds) {
    it(`finds ${seed.name}: ${seed.ruleId} (${seed.severity})`, () => {
      seed.apply(dir);
      const result = runCheck(dir);
      const line = lineOf(dir, seed.file, seed.lineText);
      const found = result.findings.filter((f) => f.ruleId === seed.ruleId && f.file === seed.file && f.line === line);
      assert.equal(found.length, 1, `expected ${seed.ruleId} at ${seed.file}:${line}; got:\n${result.stdout}`);
      assert.equal(found[0].severity, seed.severity);
      // Exit 1 exactly when an error-severity finding exists; the seed is the only mistake.
      assert.equal(result.code, seed.severity === 'error' ? 1 : 0, result.stderr);
      for (const finding of result.findings) {
        if (finding.severity === 'info') continue;
        assert.equal(finding.ruleId, seed.ruleId, `only the seeded mistake is reported, got: ${finding.ruleId} ${finding.file}:${finding.line}`);
      }
      for (const secret of secretValues) {
        assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret), 'no output repeats a secret value');
        assert.ok(!result.stdout.includes(secret.slice(0, 20)), 'not even a long prefix of a secret');
      }
    });
  }
});
