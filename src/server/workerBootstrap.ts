import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The code a worker thread runs first: it loads the analysis bundle (about 10 MB with the TypeScript
 * compiler) through V8's code cache, which saves about a third of the load time on every start
 * after the first — the largest part of "server start → first diagnostics". The cache lives in the
 * user's own cache folder (never a shared temp folder: cached bytecode is code), keyed by the
 * bundle's size and time stamp and the Node version (a new one replaces those of earlier builds);
 * V8 itself rejects data that does not match the source. Any failure falls back to a plain `require`.
 */
const bootstrap = (cacheDir: string | undefined) => `
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');
const { workerData } = require('node:worker_threads');
const file = workerData.bundle;
const cacheDir = ${JSON.stringify(cacheDir ?? null)};
let loaded = false;
try {
  const source = fs.readFileSync(file, 'utf8');
  const stat = fs.statSync(file);
  const cacheFile = cacheDir && path.join(cacheDir, path.basename(file) + '-' + stat.size + '-' + Math.round(stat.mtimeMs) + '-' + process.version + '-' + process.arch + '.cache');
  let cachedData;
  try { cachedData = cacheFile ? fs.readFileSync(cacheFile) : undefined; } catch {}
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const run = script.runInThisContext();
  const module = { exports: {}, filename: file, id: file };
  loaded = true;
  run.call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
    try {
      fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
      const temporary = cacheFile + '.' + process.pid + '.tmp';
      fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(temporary, cacheFile);
      // Caches of this bundle's earlier builds (an update) would stay forever: ~3 MB each.
      const prefix = path.basename(file) + '-';
      for (const name of fs.readdirSync(cacheDir)) {
        if (name.startsWith(prefix) && name.endsWith('.cache') && name !== path.basename(cacheFile)) fs.rmSync(path.join(cacheDir, name), { force: true });
      }
    } catch {}
  }
} catch (error) {
  if (loaded) throw error;
  require(file);
}
`;

/** Where the code cache goes: the platform's per-user cache folder; undefined when there is none. */
function userCacheDir(): string | undefined {
  const home = os.homedir();
  const base =
    process.platform === 'win32'
      ? process.env.LOCALAPPDATA
      : process.platform === 'darwin'
        ? home && path.join(home, 'Library', 'Caches')
        : process.env.XDG_CACHE_HOME || (home && path.join(home, '.cache'));
  return base ? path.join(base, 'clerk-auth-toolkit', 'code-cache') : undefined;
}

/** The worker's source (for `new Worker(…, { eval: true })`) that loads `workerData.bundle` with the code cache. */
export function cachedBundleLoader(): string {
  return bootstrap(userCacheDir());
}
