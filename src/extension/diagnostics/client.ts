import * as vscode from 'vscode';
import type {
  CloseHandlerResult,
  ConfigurationParams,
  ErrorHandler,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';
import {
  analysisFailuresNotification,
  didAnalyzeNotification,
  internalCommandIds,
  type AnalysisFailuresParams,
  type DidAnalyzeParams,
  type ServerInitializationOptions,
} from '../../protocol';
import { untrustedText } from '../../core/untrustedText';
import { loadClientLibrary, type ClientLibrary } from '../lazyModules';
import { FailureNotices } from './failureNotices';

export const diagnosticCollectionName = 'clerkToolkit';

/** The documents the server analyses: code by language, env files by name (their language id varies). */
const documentSelector = [
  ...['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((language) => ({ scheme: 'file', language })),
  ...['**/.env', '**/.env.*', '**/env-example'].map((pattern) => ({ scheme: 'file', pattern })),
];

/** Restart back-off: 1 s, 2 s, 4 s… up to 30 s; a server that ran this long without closing starts over at 1 s. */
const firstRestartDelayMs = 1000;
const maxRestartDelayMs = 30_000;
const stableRunMs = 60_000;

export type ClientState = 'stopped' | 'starting' | 'running';

/**
 * Time spent in this extension's own code on the extension host for document sync and incoming
 * diagnostics (the analysis itself runs in the server). Integration tests print it per edit.
 */
export class HostTime {
  private total = 0;

  get totalMs(): number {
    return this.total;
  }

  measure<T>(work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.total += performance.now() - started;
    }
  }
}

/**
 * Owns the `LanguageClient` of the Clerk Auth Toolkit language server (dist/server.js, its own Node
 * process): starts it on demand, restarts it with back-off when it dies, and relays the server's
 * custom notifications. The analysis, hovers and code actions are the server's; this class only
 * translates.
 */
export class DiagnosticsClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private disposed = false;
  private stopped: Promise<void> = Promise.resolve();
  private latest: DidAnalyzeParams | undefined;
  private readonly analyzed = new vscode.EventEmitter<DidAnalyzeParams>();
  private readonly stateChanged = new vscode.EventEmitter<ClientState>();
  private readonly failureNotices = new FailureNotices();
  readonly hostTime = new HostTime();
  /** Fires after each analysis the server published. */
  readonly onDidAnalyze = this.analyzed.event;
  /** Fires when the server is up (again, after a restart) or stopped. */
  readonly onDidChangeState = this.stateChanged.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get state(): ClientState {
    if (this.client?.isRunning()) return 'running';
    return this.starting ? 'starting' : 'stopped';
  }

  /** Our diagnostics, as the client published them (the collection named `clerkToolkit`). */
  diagnostics(): [vscode.Uri, readonly vscode.Diagnostic[]][] {
    const all: [vscode.Uri, readonly vscode.Diagnostic[]][] = [];
    this.client?.diagnostics?.forEach((uri, diagnostics) => {
      if (diagnostics.length > 0) all.push([uri, diagnostics]);
    });
    return all;
  }

  /** Starts the server once; later calls share the start. Loading the client library happens here. */
  start(): Promise<LanguageClient> {
    if (this.client?.isRunning()) return Promise.resolve(this.client);
    return (this.starting ??= this.createAndStart().finally(() => (this.starting = undefined)));
  }

  /** Resolves after the server published its first analysis (starting it if needed). */
  async whenAnalyzed(): Promise<DidAnalyzeParams> {
    await this.start();
    if (this.latest) return this.latest;
    return new Promise((resolve) => {
      const once = this.onDidAnalyze((params) => {
        once.dispose();
        resolve(params);
      });
    });
  }

  async sendRequest<R>(method: string, params?: unknown): Promise<R> {
    const client = await this.start();
    return params === undefined ? client.sendRequest<R>(method) : client.sendRequest<R>(method, params);
  }

  async sendNotification(method: string, params: unknown): Promise<void> {
    if (this.client?.isRunning()) await this.client.sendNotification(method, params);
  }

  /** A new server with fresh initialization options (Workspace Trust was granted). */
  async restart(): Promise<void> {
    if (!this.client) return;
    this.latest = undefined;
    await this.client.restart();
  }

  /** Stops the server (once: deactivation and the subscriptions both call this). */
  dispose(): Promise<void> {
    if (!this.disposed) {
      this.disposed = true;
      this.analyzed.dispose();
      this.stateChanged.dispose();
      this.stopped = this.client?.dispose() ?? Promise.resolve();
    }
    return this.stopped;
  }

  private async createAndStart(): Promise<LanguageClient> {
    const started = performance.now();
    if (!this.client) {
      const library = loadClientLibrary();
      this.client = new library.LanguageClient('clerkToolkit', vscode.l10n.t('Clerk Auth Toolkit'), this.serverOptions(library), this.clientOptions(library));
      this.listen(this.client, library);
    }
    this.log.info(
      vscode.l10n.t('Starting the language server ({0} workspace).', vscode.workspace.isTrusted ? vscode.l10n.t('trusted') : vscode.l10n.t('untrusted')),
    );
    await this.client.start();
    this.log.info(vscode.l10n.t('The language server is running ({0} ms).', Math.round(performance.now() - started)));
    return this.client;
  }

  private serverOptions(library: ClientLibrary): ServerOptions {
    const module = this.context.asAbsolutePath('dist/server.js');
    return {
      run: { module, transport: library.TransportKind.ipc },
      // Attach a debugger on 6011 when the extension host itself runs under a debugger.
      debug: { module, transport: library.TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
  }

  private clientOptions(library: ClientLibrary): LanguageClientOptions {
    return {
      documentSelector,
      diagnosticCollectionName,
      outputChannel: this.log,
      revealOutputChannelOn: library.RevealOutputChannelOn.Never,
      // Evaluated on every (re)start: the trust state may have changed since.
      initializationOptions: (): ServerInitializationOptions => ({
        trusted: vscode.workspace.isTrusted,
        locale: vscode.env.language,
        l10nBundle: vscode.l10n.bundle,
        extensionCommands: true,
      }),
      // Only the hover's "copy `npx convex env set`" link may run a command.
      markdown: { isTrusted: { enabledCommands: [internalCommandIds.copyConvexEnvSet] } },
      // Disk changes reach the server through the file watcher it registers itself.
      synchronize: { configurationSection: 'clerkToolkit' },
      errorHandler: new RestartWithBackoff(library, this.log, () => this.disposed),
      middleware: {
        // The server pulls `workspace/configuration` per folder; the pushed value would be the window's.
        workspace: {
          didChangeConfiguration: (_sections, next) => next(undefined),
          configuration: (params, _token, _next) => configurationFor(params),
        },
        didChange: (event, next) => this.hostTime.measure(() => next(event)),
        handleDiagnostics: (uri, diagnostics, next) => this.hostTime.measure(() => next(uri, diagnostics)),
      },
    };
  }

  private listen(client: LanguageClient, library: ClientLibrary): void {
    client.onDidChangeState(({ newState }) => {
      if (this.disposed) return;
      if (newState === library.State.Running) this.stateChanged.fire('running');
      else if (newState === library.State.Stopped) this.stateChanged.fire('stopped');
    });
    client.onNotification(didAnalyzeNotification, (params: DidAnalyzeParams) =>
      this.hostTime.measure(() => {
        this.latest = params;
        // Every change is analysed: per analysis at debug level, so the default (info) log stays short.
        this.log.debug(
          vscode.l10n.t(
            'Analysis {0}: {1} errors, {2} warnings, {3} infos in {4} ms in the server.',
            params.generation,
            params.counts.error,
            params.counts.warning,
            params.counts.info,
            Math.round(params.durationMs),
          ),
        );
        this.analyzed.fire(params);
      }),
    );
    client.onNotification(analysisFailuresNotification, (params: AnalysisFailuresParams) => this.reportFailures(params.failures));
  }

  /**
   * A failing rule or file costs only its own findings. The server has logged every failure to this
   * output channel (once per change, not per keystroke); the first is shown once per streak.
   */
  private reportFailures(failures: string[]): void {
    const ticket = this.failureNotices.start();
    if (failures.length === 0) {
      this.failureNotices.succeeded(ticket);
      return;
    }
    if (!this.failureNotices.failed(ticket)) return;
    showWithLog(
      this.log,
      vscode.l10n.t('Clerk Auth Toolkit could not analyze part of the workspace: {0}. All other findings are shown.', untrustedText(failures[0])),
    );
  }
}

/**
 * Keeps restarting a server that closed, with back-off, and tells the user once per session. (The
 * library's default handler restarts 4 times in 3 minutes, then gives up with its own message.)
 */
class RestartWithBackoff implements ErrorHandler {
  private delayMs = firstRestartDelayMs;
  private startedAt = Date.now();
  private noticeShown = false;

  constructor(
    private readonly library: ClientLibrary,
    private readonly log: vscode.LogOutputChannel,
    private readonly disposed: () => boolean,
  ) {}

  error(): ErrorHandlerResult {
    // A failed write or read; the close that follows a dead process is handled by `closed`.
    return { action: this.library.ErrorAction.Continue, handled: true };
  }

  async closed(): Promise<CloseHandlerResult> {
    const { CloseAction } = this.library;
    if (this.disposed()) return { action: CloseAction.DoNotRestart, handled: true };
    if (Date.now() - this.startedAt > stableRunMs) this.delayMs = firstRestartDelayMs;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, maxRestartDelayMs);
    this.log.warn(vscode.l10n.t('The Clerk Auth Toolkit language server stopped; restarting in {0} s.', delay / 1000));
    if (!this.noticeShown) {
      this.noticeShown = true;
      showWithLog(
        this.log,
        vscode.l10n.t('The Clerk Auth Toolkit language server stopped unexpectedly and is restarting. Diagnostics may be missing meanwhile.'),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    this.startedAt = Date.now();
    return { action: this.disposed() ? CloseAction.DoNotRestart : CloseAction.Restart, handled: true };
  }
}

/**
 * Answers `workspace/configuration`: the folder's (resource) settings when the server names one,
 * else the window's, read with a `null` resource, which VS Code accepts for resource-scoped
 * settings without a warning.
 */
function configurationFor(params: ConfigurationParams): unknown[] {
  return params.items.map((item) => {
    const resource = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : null;
    if (!item.section) return null;
    const dot = item.section.lastIndexOf('.');
    const config =
      dot === -1 ? vscode.workspace.getConfiguration(undefined, resource) : vscode.workspace.getConfiguration(item.section.slice(0, dot), resource);
    const value = config.get(dot === -1 ? item.section : item.section.slice(dot + 1));
    // A plain JSON copy: the configuration object's proxies do not survive serialization as-is.
    return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
  });
}

function showWithLog(log: vscode.LogOutputChannel, message: string): void {
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showWarningMessage(message, showLog).then((answer) => {
    if (answer === showLog) log.show();
  });
}
