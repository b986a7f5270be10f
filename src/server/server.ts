import * as l10n from '@vscode/l10n';
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type DidChangeConfigurationParams,
  type DidChangeWatchedFilesParams,
  type TextDocumentChangeEvent,
  type InitializeResult,
  type WorkspaceFolder,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { configureL10n } from '../core/l10n';
import { isAnalysisInput, isInIgnoredFolder } from '../core/project/analysisInputs';
import { pathToUri, uriToPath } from '../core/uris';
import {
  analysisFailuresNotification,
  convexEnvSetCommandRequest,
  didAnalyzeNotification,
  fixClipboardTextRequest,
  handledEventTypesRequest,
  internalCommandIds,
  onlineTemplatesNotification,
  projectSummaryRequest,
  reanalyzeRequest,
  type AnalysisFailuresParams,
  type ConvexEnvSetCommandParams,
  type DidAnalyzeParams,
  type FixClipboardTextParams,
  type OnlineTemplatesParams,
  type ProjectSummaryParams,
  type ServerInitializationOptions,
} from '../protocol';
import { AnalysisWorkerHost, WorkerStoppedError } from './analysisWorkerHost';
import { fixAllKind } from './convert';
import type { FolderSettingValues, WorkerAnalysis, WorkerFolder } from './workerProtocol';

/**
 * Changes arriving together (a burst of notifications read from one chunk of input, a multi-file
 * fix) coalesce into one analysis: it starts once the messages at hand are handled, with no added
 * wait (5 ms here were a quarter of an edit's budget). There is no typing pause to wait for: the
 * analysis runs in the worker, so this thread stays free, and changes made while one runs coalesce
 * into a single next one.
 */
const batchDelayMs = 0;
/** An analysis stuck this long on one file is stopped, and that file is skipped from then on. */
const defaultTimeLimitMs = 20_000;
const configurationSection = 'clerkToolkit';

/**
 * The Clerk Auth Toolkit language server: plain LSP for any editor (diagnostics for every file with
 * findings, hovers, quick fixes and `source.fixAll.clerk`), plus the custom methods of
 * src/protocol for the VS Code extension. The analysis runs in a worker thread
 * (`AnalysisWorkerHost`); this thread only translates and schedules, so it always answers.
 */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  let capabilities: ClientCapabilities = {};
  let folders: WorkerFolder[] = [];
  let worker: AnalysisWorkerHost | undefined;
  /** URIs whose diagnostics were published non-empty. */
  const published = new Set<string>();
  let generation = 0;
  let reportedFailures: string | undefined;
  /** Files skipped after running past the time limit, and crash notes, until the next analysis is published. */
  let stopReports: string[] = [];
  let reportedSettingsProblems = '';

  // --- scheduling: one analysis at a time, changes during it coalesce into one more -------------
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  /** Callers waiting for an analysis that started after they asked (the "Re-analyze" request). */
  let analysesStarted = 0;
  let publishWaiters: { after: number; resolve(): void }[] = [];
  const analysisStartingAfterNow = (): Promise<void> => {
    const after = analysesStarted;
    return new Promise((resolve) => publishWaiters.push({ after, resolve }));
  };
  /** Ends the progress indicator of the first analysis. */
  let endProgress: (() => void) | undefined;
  const finishProgress = () => {
    endProgress?.();
    endProgress = undefined;
  };

  const schedule = (delayMs = batchDelayMs) => {
    if (!worker) return;
    clearTimeout(timer);
    timer = setTimeout(() => void analyze(), delayMs);
  };

  const analyze = async (): Promise<void> => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = true;
    const number = ++analysesStarted;
    try {
      publish(await worker!.request('analyze'), number);
    } catch (error) {
      // A stopped worker is replaced, and `onReplaced` decides whether to analyse again.
      if (!(error instanceof WorkerStoppedError))
        connection.console.error(l10n.t('Analysis failed: {0}', error instanceof Error ? error.message : String(error)));
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      void analyze();
    }
  };

  /** Tells the client what could not be analyzed, when that changed (an empty list ends a streak of notices). */
  const reportFailures = (failures: string[]) => {
    if (failures.join('\n') === (reportedFailures ?? '')) return;
    reportedFailures = failures.join('\n');
    for (const failure of failures) connection.console.warn(failure);
    void connection.sendNotification(analysisFailuresNotification, { failures } satisfies AnalysisFailuresParams);
  };

  const publish = (analysis: WorkerAnalysis, number: number) => {
    const current = new Set(analysis.diagnostics.filter(([, list]) => list.length > 0).map(([uri]) => uri));
    for (const [uri, diagnostics] of analysis.diagnostics) {
      void connection.sendDiagnostics({ uri, diagnostics });
      if (diagnostics.length > 0) published.add(uri);
      else published.delete(uri);
    }
    // A new worker reports every file with findings: what it does not list has none now.
    if (analysis.complete) {
      for (const uri of [...published]) {
        if (current.has(uri)) continue;
        published.delete(uri);
        void connection.sendDiagnostics({ uri, diagnostics: [] });
      }
    }
    generation++;
    reportFailures([...stopReports, ...analysis.failures]);
    stopReports = [];
    if (analysis.settingsProblems.join('\n') !== reportedSettingsProblems) {
      reportedSettingsProblems = analysis.settingsProblems.join('\n');
      for (const problem of analysis.settingsProblems) connection.console.warn(l10n.t('Ignoring invalid setting: {0}', problem));
    }
    void connection.sendNotification(didAnalyzeNotification, {
      generation,
      counts: analysis.counts,
      durationMs: Math.round(analysis.durationMs),
    } satisfies DidAnalyzeParams);
    finishProgress();
    const waiting = publishWaiters;
    publishWaiters = waiting.filter((waiter) => waiter.after >= number);
    for (const waiter of waiting) if (waiter.after < number) waiter.resolve();
  };

  // --- settings ---------------------------------------------------------------------------------
  const folderValues = (section: unknown): FolderSettingValues => {
    const record = isRecord(section) ? section : {};
    // Clients answer with nested objects (`diagnostics: { enable }`) or dotted keys.
    const diagnostics = isRecord(record.diagnostics) ? record.diagnostics.enable : record['diagnostics.enable'];
    return { rules: record.rules, envFiles: record.envFiles, diagnosticsEnable: diagnostics };
  };

  /**
   * Each folder's `clerkToolkit` section, read with the folder as scope (multi-root workspaces
   * differ); `pushed` (didChangeConfiguration) for clients that cannot be asked. A client that
   * fails to answer leaves the defaults: the analysis must still run.
   */
  const readFolderSettings = async (roots: string[], pushed?: unknown): Promise<WorkerFolder[]> => {
    const defaults = roots.map((root) => ({ root, values: folderValues(pushed) }));
    if (!capabilities.workspace?.configuration) return defaults;
    try {
      const sections: unknown[] = await connection.workspace.getConfiguration(
        roots.map((root) => ({ scopeUri: pathToUri(root), section: configurationSection })),
      );
      return roots.map((root, index) => ({ root, values: folderValues(sections[index]) }));
    } catch (error) {
      connection.console.warn(l10n.t('Could not read the settings: {0}', error instanceof Error ? error.message : String(error)));
      return defaults;
    }
  };

  const rootsOf = (workspaceFolders: WorkspaceFolder[] | null | undefined, rootUri: string | null | undefined): string[] => {
    const uris = workspaceFolders?.length ? workspaceFolders.map((folder) => folder.uri) : rootUri ? [rootUri] : [];
    return uris.map(uriToPath).filter((root): root is string => root !== undefined);
  };

  // --- lifecycle ----------------------------------------------------------------------------------
  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    const options: Partial<ServerInitializationOptions> = isRecord(params.initializationOptions) ? params.initializationOptions : {};
    configureL10n(options.l10nBundle);
    // Other editors have no Workspace Trust: the user chose to run the server on this folder.
    const trusted = options.trusted ?? true;
    folders = rootsOf(params.workspaceFolders, params.rootUri).map((root) => ({ root, values: {} }));
    // Started now, so loading the engine overlaps the client's `initialized` and configuration answers.
    worker = new AnalysisWorkerHost({
      state: {
        folders,
        trusted,
        documents: [],
        excluded: [],
        commands: options.extensionCommands ? internalCommandIds : undefined,
        l10nBundle: options.l10nBundle,
      },
      timeLimitMs: typeof options.analysisTimeLimitMs === 'number' && options.analysisTimeLimitMs > 0 ? options.analysisTimeLimitMs : defaultTimeLimitMs,
      onReplaced: (report) => {
        stopReports.push(report.reason);
        if (report.retry) schedule(0);
        // Nothing to leave out: analysing again would run out the clock again, so wait for a change.
        else {
          reportFailures([...stopReports]);
          finishProgress();
          // No analysis will follow until something changes: nobody waits for one.
          for (const waiter of publishWaiters.splice(0)) waiter.resolve();
        }
      },
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'clerk-toolkit' },
    };
  });

  connection.onInitialized(async () => {
    // A client that refuses the progress token still gets its analysis.
    const progress = capabilities.window?.workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin(l10n.t('Clerk: analysing the project…'));
    endProgress = () => progress?.done();
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async ({ added, removed }: WorkspaceFoldersChangeEvent) => {
        const gone = new Set(rootsOf(removed, undefined));
        const roots = [...folders.map((folder) => folder.root).filter((root) => !gone.has(root)), ...rootsOf(added, undefined)];
        folders = await readFolderSettings(roots);
        worker?.setFolders(folders);
        schedule(0);
      });
    }
    folders = await readFolderSettings(folders.map((folder) => folder.root));
    for (const folder of folders) worker?.setFolderSettings(folder);
    schedule(0);
  });

  connection.onDidChangeConfiguration(async (params: DidChangeConfigurationParams) => {
    const pushed = isRecord(params.settings) ? params.settings[configurationSection] : undefined;
    folders = await readFolderSettings(
      folders.map((folder) => folder.root),
      pushed,
    );
    for (const folder of folders) worker?.setFolderSettings(folder);
    schedule(0);
  });

  connection.onShutdown(() => {
    clearTimeout(timer);
    worker?.dispose();
    worker = undefined;
  });

  // --- documents and files ------------------------------------------------------------------------
  /** Buffers the analysis reads: code, env and package files, by path. */
  const inputPath = (uri: string): string | undefined => {
    const file = uriToPath(uri);
    return file !== undefined && isAnalysisInput(file) ? file : undefined;
  };

  /** A file that ran past the time limit gets another chance once it changes. */
  const letBackIn = (file: string) => {
    if (worker?.excluded.includes(file)) worker.setExcluded(worker.excluded.filter((excluded) => excluded !== file));
  };

  documents.onDidChangeContent(({ document }: TextDocumentChangeEvent<TextDocument>) => {
    const file = inputPath(document.uri);
    if (file === undefined || !worker) return;
    letBackIn(file);
    worker.changeDocument({ file, text: document.getText(), version: document.version });
    schedule();
  });

  documents.onDidClose(({ document }: TextDocumentChangeEvent<TextDocument>) => {
    const file = inputPath(document.uri);
    if (file === undefined || !worker) return;
    worker.closeDocument(file);
    schedule();
  });

  connection.onDidChangeWatchedFiles(({ changes }: DidChangeWatchedFilesParams) => {
    if (!worker) return;
    for (const change of changes) {
      const file = uriToPath(change.uri);
      if (file === undefined || isInIgnoredFolder(file)) continue;
      letBackIn(file);
      if (change.type === FileChangeType.Created) worker.fileCreated(file);
      else if (change.type === FileChangeType.Deleted) worker.fileDeleted(file);
      else if (isAnalysisInput(file) && !documents.get(change.uri)) worker.fileChanged(file);
    }
    schedule();
  });

  // --- requests -------------------------------------------------------------------------------------
  /** A request the stopped worker could not answer gets the empty answer. */
  const ask = async <T>(request: () => Promise<T> | undefined, fallback: T): Promise<T> => {
    try {
      return (await request()) ?? fallback;
    } catch (error) {
      if (error instanceof WorkerStoppedError) return fallback;
      throw error;
    }
  };

  connection.onHover((params) => ask(() => worker?.request('hover', params.textDocument.uri, params.position), null));
  connection.onCodeAction((params) => ask(() => worker?.request('codeActions', params.textDocument.uri, params.range, params.context.only), []));

  connection.onNotification(onlineTemplatesNotification, (params: OnlineTemplatesParams) => {
    worker?.setOnlineTemplates(params.templates);
    schedule(0);
  });
  connection.onRequest(projectSummaryRequest, (params: ProjectSummaryParams) =>
    ask(() => worker?.request('projectSummary', params.uri), { rootUri: null, hasConvex: false, projectCount: 0 }),
  );
  connection.onRequest(handledEventTypesRequest, async () => ({ eventTypes: await ask(() => worker?.request('handledEventTypes'), []) }));
  connection.onRequest(fixClipboardTextRequest, async (params: FixClipboardTextParams) => ({
    text: await ask(() => worker?.request('fixClipboardText', params.fixId), null),
  }));
  connection.onRequest(convexEnvSetCommandRequest, (params: ConvexEnvSetCommandParams) =>
    ask(() => worker?.request('convexEnvSetCommand', params.projectRoot, params.key), null),
  );
  connection.onRequest(reanalyzeRequest, async () => {
    if (!worker) return;
    const done = analysisStartingAfterNow();
    worker.setExcluded([]);
    worker.reset();
    schedule(0);
    await done;
  });

  documents.listen(connection);
  connection.listen();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
