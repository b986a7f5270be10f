/**
 * Performance budgets (`npm run bench`). Budgets live here, not in timed unit tests, because a
 * shared 2-core CI machine makes wall-clock assertions in tests flaky. Exits 1 when over budget.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveAppEnv } from '../../src/core/env/appEnv';
import { parseEnvFile } from '../../src/core/env/envFile';
import { fixturesDir, repoRoot } from '../helpers/paths';

type Engine = typeof import('../../src/core/engine');

interface Measure {
  name: string;
  value: number;
  unit: string;
  budget: number;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = (fn: () => void): number => {
  const started = performance.now();
  fn();
  return performance.now() - started;
};

/** Fixture apps (folders with their own package.json), templates included; broken variants are copies. */
function fixtureApps(): string[] {
  const top = fs.readdirSync(fixturesDir).map((name) => path.join(fixturesDir, name));
  const templates = fs.readdirSync(path.join(fixturesDir, 'templates')).map((name) => path.join(fixturesDir, 'templates', name));
  return [...top, ...templates].filter((dir) => fs.existsSync(path.join(dir, 'package.json')));
}

/** A copy of the correct fixture plus `count` route handlers and client components. */
function generateLargeApp(count: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-app-')).split(path.sep).join('/');
  fs.cpSync(path.join(fixturesDir, 'next16-convex'), root, { recursive: true });
  for (let i = 0; i < count; i++) {
    fs.mkdirSync(`${root}/app/r${i}`, { recursive: true });
    fs.writeFileSync(`${root}/app/r${i}/page.tsx`, [
      "import { auth } from '@clerk/nextjs/server';",
      `import { Widget${i} } from '../../components/Widget${i}';`,
      'export default async function Page() {',
      '  const { userId } = await auth();',
      `  return <Widget${i} userId={userId} />;`,
      '}',
    ].join('\n'));
    fs.mkdirSync(`${root}/app/api/r${i}`, { recursive: true });
    fs.writeFileSync(`${root}/app/api/r${i}/route.ts`, [
      "import { auth } from '@clerk/nextjs/server';",
      'export async function GET() {',
      '  const { userId } = await auth();',
      "  if (!userId) return new Response('Unauthorized', { status: 401 });",
      `  return Response.json({ route: ${i}, value: process.env.NEXT_PUBLIC_CONVEX_URL });`,
      '}',
    ].join('\n'));
    fs.mkdirSync(`${root}/components`, { recursive: true });
    fs.writeFileSync(`${root}/components/Widget${i}.tsx`, [
      "'use client';",
      "import { useQuery } from 'convex/react';",
      "import { api } from '../convex/_generated/api';",
      `export function Widget${i}({ userId }: { userId: string | null }) {`,
      '  const user = useQuery(api.users.current);',
      '  return <p>{userId ?? user?.name}</p>;',
      '}',
    ].join('\n'));
  }
  return root;
}

/** Parses and expands an env file the way every analysis does (`.env.local` of one app). */
function loadEnv(text: string): void {
  resolveAppEnv([{ file: '/bench/.env.local', name: '.env.local', kind: 'local', parsed: parseEnvFile(text) }]);
}

/** Env files: 10,000 lines with references, and the doubling `${A}${A}` lines that took 1 GB with dotenv-expand. */
function envMeasures(): Measure[] {
  const large = ['BASE=https://example.test', ...Array.from({ length: 9_999 }, (_, i) => `KEY_${i}=\${BASE}/path/${i}?\${UNSET:-fallback}&\${KEY_${i - 1}:+x}`)].join('\n');
  const doubling = ['A0=xxxxxxxx', ...Array.from({ length: 40 }, (_, i) => `A${i + 1}=\${A${i}}\${A${i}}`)].join('\n');
  loadEnv(large);
  return [
    { name: 'env file of 10,000 lines with references: parse + expand (median of 5)', value: median(Array.from({ length: 5 }, () => time(() => loadEnv(large)))), unit: 'ms', budget: 100 },
    { name: 'env file of 40 doubling ${A}${A} lines, capped at 64 KiB (median of 5)', value: median(Array.from({ length: 5 }, () => time(() => loadEnv(doubling)))), unit: 'ms', budget: 50 },
  ];
}

function main(): number {
  const dist = path.join(repoRoot, 'dist');
  const measures: Measure[] = [
    { name: 'main bundle dist/extension.js', value: fs.statSync(path.join(dist, 'extension.js')).size / 1024, unit: 'KiB', budget: 150 },
  ];

  const loadMs = time(() => require(path.join(dist, 'engine.js')));
  measures.push({ name: 'engine chunk cold require', value: loadMs, unit: 'ms', budget: 500 });
  const engine = require(path.join(dist, 'engine.js')) as Engine;

  for (const app of fixtureApps()) {
    const runs = Array.from({ length: 5 }, () => time(() => engine.analyzeDirectory(app, {})));
    measures.push({ name: `full analysis ${path.basename(app)} (median of 5)`, value: median(runs), unit: 'ms', budget: 1500 });
  }

  // The fixtures are small; a generated app of realistic size shows how analysis scales.
  const large = generateLargeApp(400);
  try {
    const runs = Array.from({ length: 3 }, () => time(() => engine.analyzeDirectory(large, {})));
    measures.push({ name: 'full analysis, generated app with 400 routes + 400 components (median of 3)', value: median(runs), unit: 'ms', budget: 3000 });
    const session = new engine.AnalysisSession({ roots: [large], host: engine.createNodeHost() });
    session.analyze();
    const page = `${large}/app/r0/page.tsx`;
    const edits = Array.from({ length: 10 }, (_, i) => time(() => {
      session.setOverlay(page, `${fs.readFileSync(page, 'utf8')}\n// edit ${i}\n`);
      session.analyze();
    }));
    measures.push({ name: 'incremental re-analysis in the generated app after a page edit (median of 10)', value: median(edits), unit: 'ms', budget: 200 });
  } finally {
    fs.rmSync(large, { recursive: true, force: true });
  }

  const app = path.join(fixturesDir, 'next16-convex');
  const authConfig = path.join(app, 'convex', 'auth.config.ts').split(path.sep).join('/');
  const session = new engine.AnalysisSession({ roots: [app.split(path.sep).join('/')], host: engine.createNodeHost() });
  session.analyze();
  const original = fs.readFileSync(authConfig, 'utf8');
  const incremental = Array.from({ length: 10 }, (_, i) =>
    time(() => {
      session.setOverlay(authConfig, `${original}\n// edit ${i}\n`);
      session.analyze();
    }),
  );
  measures.push({ name: 'incremental re-analysis after an auth.config.ts edit (median of 10)', value: median(incremental), unit: 'ms', budget: 150 });
  measures.push(...envMeasures());

  let over = 0;
  for (const m of measures) {
    const ok = m.value <= m.budget;
    if (!ok) over += 1;
    console.log(`${ok ? 'ok  ' : 'OVER'}  ${m.name.padEnd(70)} ${m.value.toFixed(1).padStart(8)} ${m.unit} (budget ${m.budget} ${m.unit})`);
  }
  return over === 0 ? 0 : 1;
}

process.exit(main());
