import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { maxEnvFileLength } from '../../../src/core/env/appEnv';
import { readWorkspaceEnv } from '../../../src/extension/webhooks/workspaceEnv';

/**
 * The env files the sidebar reads for the Clerk instance and keys: what the analysis reads too. A
 * file over the size cap, or a link to a file outside the workspace, is not read; a link to a file
 * inside it (a monorepo app sharing the root's `.env`) is.
 */
describe('webhooks sidebar: env files it reads', function () {
  this.timeout(30_000);
  const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  const created: string[] = [];
  let outside: string | undefined;

  const keyFor = (host: string) => `pk_test_${Buffer.from(`${host}$`).toString('base64').replace(/=+$/, '')}`;
  const envLine = (host: string) => `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${keyFor(host)}\n`;
  const folder = (name: string) => {
    const dir = path.join(root(), name);
    fs.mkdirSync(dir, { recursive: true });
    created.push(dir);
    return dir;
  };

  before(function () {
    // Creating links needs extra rights on Windows.
    if (process.platform === 'win32') this.skip();
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'env-outside-'));
    fs.writeFileSync(path.join(outside, 'keys.env'), envLine('outside-instance.clerk.accounts.dev'));
    fs.writeFileSync(
      path.join(folder('env-limits-big'), '.env.local'),
      `${envLine('big-instance.clerk.accounts.dev')}${'# padding\n'.repeat(maxEnvFileLength / 10 + 1)}`,
    );
    fs.symlinkSync(path.join(outside, 'keys.env'), path.join(folder('env-limits-linked-out'), '.env.local'));
    fs.writeFileSync(path.join(folder('env-limits-shared'), 'shared.env'), envLine('shared-instance.clerk.accounts.dev'));
    fs.symlinkSync(path.join('..', 'env-limits-shared', 'shared.env'), path.join(folder('env-limits-linked-in'), '.env.local'));
  });

  after(() => {
    for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
    if (outside) fs.rmSync(outside, { recursive: true, force: true });
  });

  it('skips a file over the size cap and a link out of the workspace, and follows a link inside it', async () => {
    const byFolder = new Map((await readWorkspaceEnv()).map((env) => [path.basename(env.folder.fsPath), env.instance()?.instance.frontendApi]));
    assert.equal(byFolder.get('env-limits-linked-in'), 'shared-instance.clerk.accounts.dev');
    assert.equal(byFolder.has('env-limits-big'), false, 'the file over the cap was read');
    assert.equal(byFolder.has('env-limits-linked-out'), false, 'the link out of the workspace was followed');
  });
});
