/**
 * Runs a real VS Code (code-server 4.100.3 = VS Code 1.100.3, node extension host) driven by
 * headless Debian Chromium. Used by the integration tier (a mocha suite inside the extension host),
 * the packaged-.vsix check and the end-to-end UI tier (VS Code itself cannot be downloaded here).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '../helpers/paths';

export const codeServerDir = path.join(repoRoot, '.cache', 'code-server', 'node_modules', 'code-server');
const entry = path.join(codeServerDir, 'out', 'node', 'entry.js');

export interface LaunchOptions extends ServerOptions {
  /** Folder opened in the workbench, or a `.code-workspace` file (multi-root). */
  workspace: string;
  /** Extension under development; an empty folder when testing an installed .vsix. */
  extensionDevelopmentPath: string;
  /** Folder whose index.js exports `run()`; omitted for UI sessions. */
  extensionTestsPath?: string;
  timeoutMs?: number;
  /** Log lines (extension host console included) are passed here as they arrive. */
  onLog?: (line: string) => void;
}

export interface Session {
  page: Page;
  url: string;
  /** Resolves with the suite's exit code (0 passed, 1 failed) when a tests path was given. */
  testsDone: Promise<number>;
  /** Extension host exits other than a clean one, read from the server output. */
  hostCrashes: () => string[];
  /** Lines of the extension host's log files (the ones the window's Output › Extension Host shows) matching `pattern`. */
  hostLogLines: (pattern: RegExp) => string[];
  serverOutput: () => string;
  close: () => Promise<void>;
}

function sandbox(name: string): Record<string, string> {
  const root = fs.mkdtempSync(path.join(repoRoot, '.cache', `${name}-`));
  const dirs = { root, home: 'home', tmp: 'tmp', userData: 'user-data', extensions: 'extensions' } as Record<string, string>;
  for (const key of ['home', 'tmp', 'userData', 'extensions']) {
    dirs[key] = path.join(root, dirs[key]);
    fs.mkdirSync(dirs[key], { recursive: true });
  }
  return dirs;
}

/** Percent-encodes each segment so a `#` or space in a path survives the URL. */
function remoteUri(authority: string, file: string): string {
  return `vscode-remote://${authority}${file.split('/').map(encodeURIComponent).join('/')}`;
}

function waitForListening(server: ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const check = (): void => {
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server.stdout?.on('data', check);
    server.stderr?.on('data', check);
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early with code ${code}:\n${output()}`));
    });
  });
}

export interface ServerOptions {
  /** A .vsix installed into the throwaway extensions dir before start. */
  installVsix?: string;
  /** Start with Workspace Trust enabled (the startup prompt suppressed; the folder starts untrusted). */
  workspaceTrust?: boolean;
  /** Extra environment for the server, and so for the extension host and the tests. */
  env?: Record<string, string>;
  /** Host:port to bind; port 0 picks a free one. */
  bindAddr?: string;
  /** Merged into the throwaway profile's user settings.json. */
  userSettings?: Record<string, unknown>;
  /** Settings of the remote machine (code-server's `Machine/settings.json`): where a remote window reads machine-scoped ones. */
  machineSettings?: Record<string, unknown>;
}

export interface CodeServer {
  /** `http://127.0.0.1:PORT` */
  base: string;
  /** The workbench URL opening `workspace` (a folder or a .code-workspace file) with the given extension under development (and tests). */
  workbenchUrl: (workspace: string, extensionDevelopmentPath: string, extensionTestsPath?: string) => string;
  output: () => string;
  /** Temp folder holding HOME, TMPDIR, user data and extensions of this run. */
  sandboxDir: string;
  tmpDir: string;
  stop: () => void;
}

/** Starts code-server in a throwaway HOME/TMPDIR; resolves once it listens. */
export async function startCodeServer(options: ServerOptions = {}): Promise<CodeServer> {
  if (!fs.existsSync(entry)) {
    throw new Error(`code-server is not installed at ${codeServerDir}; run \`npm run setup:code-server\`.`);
  }
  const dirs = sandbox('vscode');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
    XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
    TMPDIR: dirs.tmp,
    EXTENSIONS_GALLERY: '{}',
    ...options.env,
  };
  delete env.PORT; // PORT overrides --bind-addr
  delete env.VSCODE_IPC_HOOK_CLI;

  const settings: Record<string, unknown> = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never',
    'git.enabled': false,
    'window.restoreWindows': 'none',
    // The web workbench defaults to `afterDelay`: tests that edit unsaved buffers need them to stay unsaved.
    'files.autoSave': 'off',
    ...options.userSettings,
  };
  const files: [string, Record<string, unknown>][] = [['User', settings]];
  // code-server's extension host is a remote one, where machine-scoped settings come from
  // `Machine/settings.json`: from the user file alone they sometimes arrived and sometimes not.
  if (options.machineSettings) files.push(['Machine', options.machineSettings]);
  for (const [folder, values] of files) {
    fs.mkdirSync(path.join(dirs.userData, folder), { recursive: true });
    fs.writeFileSync(path.join(dirs.userData, folder, 'settings.json'), JSON.stringify(values, null, 2));
  }
  const config = path.join(dirs.root, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');

  const common = ['--config', config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  if (options.installVsix) {
    const installed = spawnSync(process.execPath, [entry, ...common, '--install-extension', options.installVsix, '--force'], { env, encoding: 'utf8' });
    if (installed.status !== 0) {
      throw new Error(`installing ${options.installVsix} failed:\n${installed.stdout}\n${installed.stderr}`);
    }
  }

  const args = [
    entry,
    ...common,
    '--auth',
    'none',
    '--bind-addr',
    options.bindAddr ?? '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (!options.workspaceTrust) args.push('--disable-workspace-trust');
  let output = '';
  const server = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = (): void => {
    try {
      if (server.pid) process.kill(-server.pid, 'SIGKILL'); // the whole group: watchers and hosts too
    } catch {
      /* already gone */
    }
    fs.rmSync(dirs.root, { recursive: true, force: true });
  };
  try {
    const base = await waitForListening(server, () => output, 60_000);
    const authority = new URL(base).host;
    return {
      base,
      output: () => output,
      sandboxDir: dirs.root,
      tmpDir: dirs.tmp,
      stop,
      workbenchUrl: (workspace, extensionDevelopmentPath, extensionTestsPath) => {
        const payload: [string, string][] = [
          ['extensionDevelopmentPath', remoteUri(authority, extensionDevelopmentPath)],
          ['skipWelcome', 'true'],
          ['skipReleaseNotes', 'true'],
        ];
        if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(authority, extensionTestsPath)]);
        const opened = workspace.endsWith('.code-workspace') ? 'workspace' : 'folder';
        return `${base}/?${opened}=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}

export async function launch(options: LaunchOptions): Promise<Session> {
  const server = await startCodeServer(options);
  let browser: Browser | undefined;
  try {
    const url = server.workbenchUrl(options.workspace, options.extensionDevelopmentPath, options.extensionTestsPath);
    // playwright-core makes its browser profile under os.tmpdir(): keep it in the sandbox.
    const previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = server.tmpDir;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim() || '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let resolveTests: (code: number) => void = () => undefined;
    const testsDone = new Promise<number>((resolve) => (resolveTests = resolve));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      options.onLog?.(format(...(Array.isArray(args) ? args : [args])));
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveTests(code));
    await page.goto(url);

    const openedBrowser = browser;
    return {
      page,
      url,
      testsDone,
      serverOutput: server.output,
      hostLogLines: (pattern) =>
        logFiles(server.sandboxDir).flatMap((file) =>
          fs
            .readFileSync(file, 'utf8')
            .split('\n')
            .filter((line) => pattern.test(line)),
        ),
      hostCrashes: () =>
        [...server.output().matchAll(/Extension Host Process exited with code: (\S+), signal: (\S+)\./g)]
          .filter(([, code, signal]) => !(code === '0' && signal === 'null'))
          .map(([line]) => line),
      close: async () => {
        await openedBrowser.close().catch(() => undefined);
        server.stop();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    server.stop();
    throw error;
  }
}

/** Runs a mocha suite in the extension host; returns 0 only when it passed and the host stayed up. */
export async function runSuite(options: LaunchOptions & { extensionTestsPath: string; label: string }): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const session = await launch(options);
  let timer: NodeJS.Timeout | undefined;
  try {
    const code = await Promise.race([
      session.testsDone,
      new Promise<number>((resolve) => {
        timer = setTimeout(() => {
          console.error(`[${options.label}] timed out after ${timeoutMs} ms; server output:\n${session.serverOutput()}`);
          resolve(1);
        }, timeoutMs);
      }),
    ]);
    const crashes = session.hostCrashes();
    if (crashes.length > 0) {
      console.error(`[${options.label}] the extension host crashed:\n${crashes.join('\n')}`);
      return 1;
    }
    // Settings read without the resource they belong to ignore per-folder values; VS Code logs each such read.
    const unscoped = session
      .hostLogLines(
        /Accessing a resource scoped configuration without providing a resource.*|\[clerk-auth-toolkit\.clerk-auth-toolkit\] Accessing a resource scoped/,
      )
      .filter((line) => /clerk-auth-toolkit\.clerk-auth-toolkit|'clerkToolkit\./.test(line));
    console.log(`[${options.label}] resource-scoped settings read without a resource: ${unscoped.length}`);
    if (unscoped.length > 0) {
      console.error(unscoped.slice(0, 5).join('\n'));
      return 1;
    }
    return code;
  } finally {
    clearTimeout(timer);
    await session.close();
  }
}

/** Extension host log files under a sandbox (code-server writes them below the user data dir). */
function logFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...logFiles(full));
    else if (/exthost.*\.log$/i.test(entry.name)) found.push(full);
  }
  return found;
}
