/**
 * Runs one bench measurement in a fresh process, so its peak RSS and start-up cost are its own.
 * Prints one JSON line. Modes:
 *   check <dir>      full check through the bundled engine (dist/engine.js): ms, cpuMs, maxRssMB
 *   start <dir>      process start → engine loaded → first findings of a small app
 *   activate         the bundled extension's activate() against a stub `vscode` module
 *   thread           the language server's analysis thread started twice, as the server starts it:
 *                    first with no V8 code cache (it is written), then with it
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { cachedBundleLoader } from '../../src/server/workerBootstrap';
import { limitHeapGrowth } from '../../src/server/heapGrowth';
import { repoRoot } from '../helpers/paths';

type Engine = typeof import('../../src/core/engine');

const dist = path.join(repoRoot, 'dist');
const maxRssMB = () => process.resourceUsage().maxRSS / 1024;

function check(dir: string): object {
  // As the CLI and the language server do at start.
  limitHeapGrowth();
  const engine = require(path.join(dist, 'engine.js')) as Engine;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { findings, failures } = engine.checkDirectory(dir, {});
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, maxRssMB: maxRssMB(), findings: findings.length, failures: failures.length };
}

function start(dir: string): object {
  const engine = require(path.join(dist, 'engine.js')) as Engine;
  const session = new engine.AnalysisSession({ roots: [dir], host: engine.createNodeHost() });
  const findings = [...session.analyze().values()].flat().length;
  // performance.now() counts from the start of this process.
  return { ms: performance.now(), findings };
}

/** A `vscode` stand-in where every property, call and construction yields another stand-in, and assignments are ignored. */
function stubVscode(): unknown {
  const handler: ProxyHandler<() => void> = {
    get: (_target, property) => (property === 'then' ? undefined : property === Symbol.toPrimitive ? () => '' : stub),
    apply: () => stub,
    construct: () => stub as object,
    // Assignments (`item.name = …` on a status bar item) are accepted and forgotten: a function's own
    // `name` is read-only, so the target must never see them.
    set: () => true,
  };
  const stub: unknown = new Proxy(function stubFunction() {}, handler);
  return stub;
}

function activate(): object {
  const stub = stubVscode();
  // The bundle copies the module's own properties (esbuild's __toESM): name every member it may
  // use. The production bundle renames the module variable, not property names: take them all.
  const bundle = fs.readFileSync(path.join(dist, 'extension.js'), 'utf8');
  const names = new Set([...bundle.matchAll(/\.([A-Za-z_$][\w$]*)/g)].map((match) => match[1]));
  const vscode = Object.fromEntries([...names].map((name) => [name, stub]));
  const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: typeof load })._load = (request, ...rest) => (request === 'vscode' ? vscode : load(request, ...rest));
  const requireStarted = performance.now();
  const extension = require(path.join(dist, 'extension.js')) as { activate(context: unknown): { activationMs: number } };
  const requireMs = performance.now() - requireStarted;
  const context = new Proxy(
    { subscriptions: [] as unknown[], extensionPath: repoRoot, extensionUri: stub },
    {
      get: (target, property) => (property in target ? target[property as keyof typeof target] : stub),
    },
  );
  const started = performance.now();
  const api = extension.activate(context);
  return { ms: performance.now() - started, reportedMs: api.activationMs, requireMs };
}

/**
 * `new Worker` → the thread's `ready` (dist/analysisWorker.js loaded: the engine and the TypeScript
 * parser), through `cachedBundleLoader` as the server does, with a code cache folder of its own.
 */
async function thread(): Promise<object> {
  const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-code-cache-'));
  process.env.XDG_CACHE_HOME = cacheHome;
  process.env.LOCALAPPDATA = cacheHome;
  const state = { folders: [], trusted: true, documents: [], excluded: [], readingMarker: new SharedArrayBuffer(8) };
  const cacheDir = path.join(cacheHome, 'clerk-auth-toolkit', 'code-cache');
  const cacheWritten = () => fs.existsSync(cacheDir) && fs.readdirSync(cacheDir).some((name) => name.endsWith('.cache'));
  const startOnce = () =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const worker = new Worker(cachedBundleLoader(), { eval: true, workerData: { ...state, bundle: path.join(dist, 'analysisWorker.js') } });
      worker.once('error', reject);
      worker.on('message', (message: { kind?: string }) => {
        if (message.kind !== 'ready') return;
        const ms = performance.now() - started;
        // The thread writes the cache after its code ran: it stops once the file is there.
        const stop = (waited: number) =>
          cacheWritten() || waited > 10_000 ? void worker.terminate().then(() => resolve(ms)) : setTimeout(() => stop(waited + 20), 20);
        stop(0);
      });
    });
  try {
    const firstMs = await startOnce();
    const cachedMs = await startOnce();
    return { firstMs, cachedMs };
  } finally {
    fs.rmSync(cacheHome, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [mode, dir] = process.argv.slice(2);
  const result = mode === 'check' ? check(dir) : mode === 'start' ? start(dir) : mode === 'thread' ? await thread() : activate();
  fs.writeSync(1, `${JSON.stringify(result)}\n`);
  process.exit(0);
}

void main();
