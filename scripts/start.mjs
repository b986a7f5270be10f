// `npm start`: builds the extension and opens the fixture app in VS Code with it loaded.
// With desktop `code` on PATH it uses that; otherwise it starts browser VS Code (code-server) on
// localhost and prints the URL. Edits go to a scratch copy of the fixture (.cache/demo-workspace),
// so the repository stays clean; `npm start -- --fresh` resets that copy.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const require = createRequire(import.meta.url);
const sh = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

sh('node', ['esbuild.config.mjs']);
const workspace = join(root, '.cache', 'demo-workspace');
if (process.argv.includes('--fresh')) rmSync(workspace, { recursive: true, force: true });
if (!existsSync(workspace)) cpSync(join(root, 'test', 'fixtures', 'next16-convex'), workspace, { recursive: true });

const desktop = !process.argv.includes('--browser') && spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
if (desktop) {
  sh(desktop, ['--extensionDevelopmentPath', root, workspace]);
  process.exit(0);
}

sh('bash', ['scripts/setup-code-server.sh']);
sh('node', ['scripts/build-tests.mjs']);
const { startCodeServer } = require(join(root, 'out', 'test', 'launcher', 'codeServer.js'));
const port = process.env.CLERK_TOOLKIT_PORT ?? '8080';
let server;
try {
  server = await startCodeServer({ bindAddr: `127.0.0.1:${port}` });
} catch {
  // Most likely the port is taken: any free port will do, the URL below says which.
  console.log(`Port ${port} is not available; using a free port instead.`);
  server = await startCodeServer({ bindAddr: '127.0.0.1:0' });
}
const stop = () => {
  server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
console.log(`\nClerk Auth Toolkit is running in browser VS Code. Open:\n\n  ${server.workbenchUrl(workspace, root)}\n`);
console.log('Press Ctrl+C to stop.');
