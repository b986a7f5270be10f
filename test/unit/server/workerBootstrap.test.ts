import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { cachedBundleLoader } from '../../../src/server/workerBootstrap';

/** Runs `bundle` the way the server starts its analysis worker; resolves with its message once the thread ends. */
function runBundle(bundle: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(cachedBundleLoader(), { eval: true, workerData: { bundle } });
    let received: unknown;
    worker.once('message', (message) => (received = message));
    worker.once('error', reject);
    worker.once('exit', () => resolve(received));
  });
}

describe('analysis worker bootstrap (V8 code cache)', function () {
  this.timeout(20_000);
  const saved = process.env.XDG_CACHE_HOME;
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-bootstrap-'));
    process.env.XDG_CACHE_HOME = path.join(dir, 'cache');
  });

  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the bundle as a module of its own folder and reuses the cache it wrote', async function () {
    if (process.platform !== 'linux') this.skip();
    const bundle = path.join(dir, 'bundle.js');
    fs.writeFileSync(path.join(dir, 'helper.js'), 'module.exports = 42;');
    fs.writeFileSync(bundle, "require('node:worker_threads').parentPort.postMessage([__filename, require('./helper.js')]);");
    assert.deepEqual(await runBundle(bundle), [bundle, 42]);
    const cacheDir = path.join(dir, 'cache', 'clerk-auth-toolkit', 'code-cache');
    const [cacheFile] = fs.readdirSync(cacheDir);
    assert.match(cacheFile, /^bundle\.js-\d+-\d+-v[\d.]+-\w+\.cache$/);
    const written = fs.statSync(path.join(cacheDir, cacheFile)).mtimeMs;
    assert.deepEqual(await runBundle(bundle), [bundle, 42]);
    // Accepted, so not written again.
    assert.equal(fs.statSync(path.join(cacheDir, cacheFile)).mtimeMs, written);
  });

  it("replaces the cache of the bundle's earlier build, and leaves other files alone", async function () {
    if (process.platform !== 'linux') this.skip();
    const bundle = path.join(dir, 'bundle.js');
    fs.writeFileSync(bundle, "require('node:worker_threads').parentPort.postMessage('first');");
    assert.equal(await runBundle(bundle), 'first');
    const cacheDir = path.join(dir, 'cache', 'clerk-auth-toolkit', 'code-cache');
    const [first] = fs.readdirSync(cacheDir);
    fs.writeFileSync(path.join(cacheDir, 'other.js-1-2-v20-x64.cache'), 'another bundle');
    // An update: new contents, size and time stamp.
    fs.writeFileSync(bundle, "require('node:worker_threads').parentPort.postMessage('second build');");
    fs.utimesSync(bundle, new Date(), new Date(Date.now() + 5000));
    assert.equal(await runBundle(bundle), 'second build');
    const files = fs.readdirSync(cacheDir).sort();
    assert.equal(files.length, 2, files.join(', '));
    assert.ok(!files.includes(first), `the earlier build's cache ${first} is gone`);
    assert.ok(files.includes('other.js-1-2-v20-x64.cache'));
  });

  it('still runs the bundle when the cache folder cannot be written', async () => {
    const bundle = path.join(dir, 'bundle.js');
    fs.writeFileSync(bundle, "require('node:worker_threads').parentPort.postMessage('ran');");
    fs.writeFileSync(path.join(dir, 'cache'), 'a file where the cache folder would go');
    assert.equal(await runBundle(bundle), 'ran');
  });
});
