/**
 * Performance budgets (`npm run bench`). Budgets live here, not in timed unit tests, because a
 * shared 2-core CI machine makes wall-clock assertions in tests flaky. Exits 1 when over budget.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
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

  let over = 0;
  for (const m of measures) {
    const ok = m.value <= m.budget;
    if (!ok) over += 1;
    console.log(`${ok ? 'ok  ' : 'OVER'}  ${m.name.padEnd(70)} ${m.value.toFixed(1).padStart(8)} ${m.unit} (budget ${m.budget} ${m.unit})`);
  }
  return over === 0 ? 0 : 1;
}

process.exit(main());
