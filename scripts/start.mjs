// `npm start`: builds the extension and opens the first-run sample (scripts/first-run-sample.mjs:
// the fixture app with seeded mistakes, its packages resolvable) in VS Code with the extension
// loaded, the seeded mistake and the walkthrough open. `npm start -- <folder>` opens any project
// instead. With desktop `code` on PATH it uses that; otherwise it starts browser VS Code
// (code-server) on localhost and prints the URL. The sample lives in .cache/demo-workspace, so the
// repository stays clean; `npm start -- --fresh` resets it.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { firstRunFile, prepareFirstRunSample } from './first-run-sample.mjs';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const require = createRequire(import.meta.url);
const sh = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
const args = process.argv.slice(2);
const folderArg = args.find((arg) => !arg.startsWith('--'));

sh('node', ['esbuild.config.mjs']);
let workspace;
// Read by src/extension/walkthrough: the file to open beside the walkthrough once the extension is up.
const env = {};
if (folderArg) {
  // npm runs scripts from the repository root; INIT_CWD is where the user typed `npm start`.
  workspace = resolve(process.env.INIT_CWD ?? process.cwd(), folderArg);
  if (!existsSync(workspace) || !statSync(workspace).isDirectory()) {
    console.error(`Not a folder: ${workspace}`);
    process.exit(2);
  }
} else {
  workspace = join(root, '.cache', 'demo-workspace');
  // A copy from before the sample linked its packages is rebuilt too.
  if (args.includes('--fresh') || !existsSync(join(workspace, 'node_modules'))) prepareFirstRunSample(workspace);
  env.CLERK_TOOLKIT_OPEN_ON_START = firstRunFile;
}

const desktop = !args.includes('--browser') && spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
if (desktop) {
  const result = spawnSync(desktop, ['--extensionDevelopmentPath', root, workspace], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  process.exit(result.status ?? 1);
}

sh('bash', ['scripts/setup-code-server.sh']);
sh('node', ['scripts/build-tests.mjs']);
const { startCodeServer } = require(join(root, 'out', 'test', 'launcher', 'codeServer.js'));
const port = process.env.CLERK_TOOLKIT_PORT ?? '8080';
let server;
try {
  server = await startCodeServer({ bindAddr: `127.0.0.1:${port}`, env });
} catch {
  // Most likely the port is taken: any free port will do, the URL below says which.
  console.log(`Port ${port} is not available; using a free port instead.`);
  server = await startCodeServer({ bindAddr: '127.0.0.1:0', env });
}
const stop = () => {
  server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
console.log(`\nClerk Auth Toolkit is running in browser VS Code. Open:\n\n  ${server.workbenchUrl(workspace, root)}\n`);
console.log('Press Ctrl+C to stop.');
