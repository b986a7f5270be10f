import * as path from 'node:path';
import * as vscode from 'vscode';
import { isEnvFilePath, isSourcePath } from '../../core/project/analysisInputs';
import {
  commandIds,
  handledEventTypesRequest,
  onlineTemplatesNotification,
  reanalyzeRequest,
  type DidAnalyzeParams,
  type HandledEventTypesResult,
  type OnlineTemplatesParams,
} from '../../protocol';
import type { HandledEventTypesProvider } from '../webhooks/handledEventTypes';
import { DiagnosticsClient, type ClientState } from './client';
import { registerServerCommands } from './commands';
import { OnlineCheck } from './onlineCheck';
import { dependsOnClerkOrConvex, ProjectDetector } from './projectDetection';
import { FindingsStatusBar, showFindingsQuickPick } from './statusBar';
import { errorText } from '../errorText';

/** What the diagnostics expose through the extension's API (integration tests wait on it). */
export interface DiagnosticsApi {
  /** Fires after each analysis the language server published. */
  readonly onDidAnalyze: vscode.Event<DidAnalyzeParams>;
  readonly state: ClientState;
  /** Starts the server if needed; resolves with its first (or newest) analysis. */
  whenAnalyzed(): Promise<DidAnalyzeParams>;
  /** Milliseconds spent so far in this extension's code on the extension host for document sync and diagnostics. */
  readonly hostTimeMs: number;
}

export interface RegisteredDiagnostics {
  api: DiagnosticsApi;
  handledEventTypes: HandledEventTypesProvider;
  /** Stops the language server (deactivation). */
  stop(): Promise<void>;
}

/**
 * Registers commands and listeners only; the language server starts right after activation when
 * the workspace holds a Clerk or Convex project (so the Problems panel fills without opening a
 * file), when a relevant document opens (an env file, or code inside such a project), or on demand
 * (the commands, the event catalog).
 */
export function registerDiagnostics(context: vscode.ExtensionContext): RegisteredDiagnostics {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('Clerk Auth Toolkit: Diagnostics'), { log: true });
  const client = new DiagnosticsClient(context, log);
  const onlineCheck = new OnlineCheck(context, log);
  const detector = new ProjectDetector();
  const statusBar = new FindingsStatusBar(client);

  /** Counts online template requests, so only the newest answer reaches the server. */
  let onlineRequests = 0;
  /** `freshServer`: a server that just started has none, so "none" need not be sent (it would cost an analysis). */
  const sendOnlineTemplates = (freshServer: boolean): void => {
    const request = ++onlineRequests;
    void onlineCheck.get().then((templates) => {
      if (request !== onlineRequests || (freshServer && templates === undefined)) return;
      void client.sendNotification(onlineTemplatesNotification, { templates } satisfies OnlineTemplatesParams);
    });
  };

  const start = (): void => {
    void client
      .start()
      .catch((error: unknown) =>
        log.error(vscode.l10n.t('The Clerk Auth Toolkit language server did not start: {0}', error instanceof Error ? error.message : String(error))),
      );
  };
  const consider = async (document: vscode.TextDocument): Promise<void> => {
    if (client.state !== 'stopped' || document.uri.scheme !== 'file') return;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) return;
    const file = document.uri.fsPath;
    if (isEnvFilePath(file) || (isSourcePath(file) && (await detector.isInProject(file, folder.uri.fsPath)))) start();
  };

  context.subscriptions.push(
    log,
    onlineCheck,
    statusBar,
    { dispose: () => void client.dispose() },
    registerServerCommands(client),
    // A restarted server has lost the templates: send them on every start.
    client.onDidChangeState((state) => state === 'running' && sendOnlineTemplates(true)),
    onlineCheck.onDidReset(() => sendOnlineTemplates(false)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client.restart()),
    vscode.workspace.onDidOpenTextDocument((document) => void consider(document)),
    vscode.commands.registerCommand(commandIds.showFindings, () => showFindingsQuickPick(client)),
    vscode.commands.registerCommand(commandIds.reanalyze, () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Clerk: analysing the project…') }, async () => {
        const started = performance.now();
        // Re-analysis fetches the online data again too.
        onlineCheck.reset();
        try {
          await client.sendRequest(reanalyzeRequest);
          log.info(vscode.l10n.t('Re-analysis of the workspace: done in {0} ms.', Math.round(performance.now() - started)));
        } catch (error) {
          log.error(vscode.l10n.t('Re-analysis of the workspace failed after {0} ms: {1}', Math.round(performance.now() - started), errorText(error)));
          throw error;
        }
      }),
    ),
  );
  // After activation returns: finding package.json files is I/O that activation must not wait for.
  setTimeout(() => {
    for (const document of vscode.workspace.textDocuments) void consider(document);
    void workspaceHasClerkOrConvex(detector).then((found) => found && start());
  }, 0);

  return {
    api: {
      onDidAnalyze: client.onDidAnalyze,
      get state() {
        return client.state;
      },
      whenAnalyzed: () => client.whenAnalyzed(),
      get hostTimeMs() {
        return client.hostTime.totalMs;
      },
    },
    // Showing the event catalog is a reason to analyse the project: its check marks come from the model.
    handledEventTypes: {
      onDidChange: (listener, thisArg, disposables) => client.onDidAnalyze(() => listener.call(thisArg), undefined, disposables),
      handledEventTypes: async () => new Set((await client.sendRequest<HandledEventTypesResult>(handledEventTypesRequest)).eventTypes),
    },
    stop: () => client.dispose(),
  };
}

/** How many package.json files the start-up check reads at most (monorepos have dozens). */
const maxManifests = 200;

/**
 * Whether the workspace holds a Clerk or Convex project: a `convex/` folder with code, or a
 * package.json (outside node_modules) depending on `@clerk/*` or `convex`. Decides whether the
 * language server starts with the extension, so the Problems panel fills without opening a file.
 */
async function workspaceHasClerkOrConvex(detector: ProjectDetector): Promise<boolean> {
  // A folder that is itself the project answers with two reads; a workspace search is slower.
  const roots = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
  const atRoot = await Promise.all(roots.map((root) => detector.isInProject(path.join(root, 'package.json'), root)));
  if (atRoot.includes(true)) return true;
  const ignored = '**/node_modules/**';
  const [convex, manifests] = await Promise.all([
    vscode.workspace.findFiles('**/convex/*.{ts,js,mjs,cjs}', ignored, 1),
    vscode.workspace.findFiles('**/package.json', ignored, maxManifests),
  ]);
  if (convex.some((uri) => uri.scheme === 'file')) return true;
  for (const manifest of manifests) if (manifest.scheme === 'file' && (await dependsOnClerkOrConvex(manifest.fsPath))) return true;
  return false;
}
