import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { WorkDoneProgress, type ClientCapabilities, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { pathToUri } from '../../../src/core/uris';
import { repoRoot } from '../../helpers/paths';

/** The bundled CLI, as editors run it: `clerk-toolkit lsp --stdio`. */
export const cliBundle = path.join(repoRoot, 'dist', 'cli.js');
/** The server bundle the VS Code extension starts with Node IPC. */
export const serverBundle = path.join(repoRoot, 'dist', 'server.js');

/** A folder of files (relative path → text) in a fresh temp dir; returns its absolute path. */
export function writeProject(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-lsp-')));
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  }
  return root;
}

interface Waiter<T> {
  test(value: T): boolean;
  resolve(value: T): void;
}

/**
 * A scripted LSP client (no editor): spawns the server, records every notification it sends, and
 * waits for the ones a test expects. Answers the server's own requests the way a client does.
 */
export class ScriptedClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /** Latest diagnostics by URI. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly exited: Promise<number | null>;
  stderr = '';
  private readonly waiters: Waiter<{ method: string; params: unknown }>[] = [];
  private versions = new Map<string, number>();

  /**
   * @param settings the `clerkToolkit` section answered to `workspace/configuration`, per folder root (`*` for any)
   * @param transport `stdio`: `clerk-toolkit lsp --stdio` (other editors); `ipc`: dist/server.js as the extension starts it
   */
  constructor(
    readonly roots: string[],
    private readonly settings: Record<string, Record<string, unknown>> = {},
    transport: 'stdio' | 'ipc' = 'stdio',
  ) {
    this.process =
      transport === 'stdio'
        ? spawn(process.execPath, [cliBundle, 'lsp', '--stdio'], { cwd: roots[0], stdio: ['pipe', 'pipe', 'pipe'] })
        : fork(serverBundle, ['--node-ipc'], { cwd: roots[0], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.process.stderr!.on('data', (chunk) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
    this.connection =
      transport === 'stdio'
        ? createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!))
        : createMessageConnection(new IPCMessageReader(this.process), new IPCMessageWriter(this.process));
    this.connection.onNotification((method, params) => this.record(method, params));
    this.connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) =>
      params.items.map((item) => {
        if (item.section !== 'clerkToolkit') return null;
        const folder = this.roots.find((root) => item.scopeUri === pathToUri(root));
        return (folder && this.settings[folder]) ?? this.settings['*'] ?? {};
      }),
    );
    // Progress reports arrive through the token's own handler, recorded as `$/progress` notifications.
    this.connection.onRequest('window/workDoneProgress/create', ({ token }: { token: string | number }) => {
      this.connection.onProgress(WorkDoneProgress.type, token, (value) => this.record('$/progress', { token, value }));
      return null;
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  private record(method: string, params: unknown): void {
    if (method === 'textDocument/publishDiagnostics') {
      const { uri, diagnostics } = params as PublishDiagnosticsParams;
      this.diagnostics.set(uri, diagnostics);
    }
    this.notifications.push({ method, params });
    for (const waiter of [...this.waiters]) {
      if (!waiter.test({ method, params })) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve({ method, params });
    }
  }

  async initialize(initializationOptions: Record<string, unknown> = {}, capabilities: ClientCapabilities = defaultCapabilities): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToUri(this.roots[0]),
      workspaceFolders: this.roots.map((root) => ({ uri: pathToUri(root), name: path.basename(root) })),
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** URI of a file of the first folder (or an absolute path). */
  uri(file: string): string {
    return pathToUri(path.isAbsolute(file) ? file : path.join(this.roots[0], file));
  }

  open(relative: string, languageId = 'typescript'): void {
    const text = fs.readFileSync(path.isAbsolute(relative) ? relative : path.join(this.roots[0], relative), 'utf8');
    this.versions.set(relative, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(relative), languageId, version: 1, text } });
  }

  /** One incremental change: `newText` replaces `range`. */
  change(relative: string, range: Diagnostic['range'], newText: string): void {
    const version = (this.versions.get(relative) ?? 0) + 1;
    this.versions.set(relative, version);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri(relative), version },
      contentChanges: [{ range, text: newText }],
    });
  }

  /** The next notification matching `test` (one already received counts only if `since` is before it). */
  next<T>(method: string, test: (params: T) => boolean = () => true, since = this.notifications.length, timeoutMs = 30_000): Promise<T> {
    const earlier = this.notifications.slice(since).find((entry) => entry.method === method && test(entry.params as T));
    if (earlier) return Promise.resolve(earlier.params as T);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({
        test: (entry) => entry.method === method && test(entry.params as T),
        resolve: (entry) => {
          clearTimeout(timer);
          resolve(entry.params as T);
        },
      });
    });
  }

  /** Diagnostics of a file as published by the first message for it from `since` on that satisfies `test`. */
  diagnosticsOf(relative: string, test: (diagnostics: Diagnostic[]) => boolean, since?: number): Promise<Diagnostic[]> {
    const uri = this.uri(relative);
    return this.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (params) => params.uri === uri && test(params.diagnostics), since).then(
      (params) => params.diagnostics,
    );
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Ends the server however it is doing (after a failed test). */
  kill(): void {
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

export const defaultCapabilities: ClientCapabilities = {
  workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  window: { workDoneProgress: true },
  textDocument: {
    publishDiagnostics: { relatedInformation: true },
    hover: { contentFormat: ['markdown'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
  },
};
