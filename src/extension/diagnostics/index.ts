import * as vscode from 'vscode';
import { FindingCodeActions } from './codeActions';
import { DiagnosticsController } from './controller';
import { FindingHovers } from './hovers';
import { OnlineCheck } from './onlineCheck';
import { isEnvFilePath, isSourcePath } from '../../core/project/analysisInputs';
import { ProjectDetector } from './projectDetection';
import { FindingsStatusBar, showFindingsQuickPick } from './statusBar';
import type { HandledEventTypesProvider } from '../webhooks/handledEventTypes';

/**
 * Registers listeners only. The engine (TypeScript parser included) loads when the first relevant
 * document opens or is visible: an env file (`.env`, `.env.*`, by path) or a JS/TS file inside a
 * Clerk or Convex project, as vscode-eslint waits for a document it can lint. The two commands
 * start it on demand too.
 */
export function registerDiagnostics(context: vscode.ExtensionContext): HandledEventTypesProvider {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('Clerk Auth Toolkit: Diagnostics'), { log: true });
  const detector = new ProjectDetector();
  const handledChanged = new vscode.EventEmitter<void>();
  let controller: DiagnosticsController | undefined;

  /** Creating the controller is what loads the engine chunk. */
  const start = (): DiagnosticsController => {
    if (controller) return controller;
    const onlineCheck = new OnlineCheck(context, log);
    const started = new DiagnosticsController(onlineCheck, log);
    controller = started;
    context.subscriptions.push(
      onlineCheck,
      started,
      FindingCodeActions.register(started),
      FindingHovers.register(started, onlineCheck),
      new FindingsStatusBar(started),
      started.onDidAnalyze(() => handledChanged.fire()),
    );
    log.info(vscode.l10n.t('Diagnostics started.'));
    return started;
  };

  const consider = async (document: vscode.TextDocument): Promise<void> => {
    if (controller || document.uri.scheme !== 'file') return;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) return;
    const relevant = isEnvFilePath(document.uri.fsPath) || (isSourcePath(document.uri.fsPath) && (await detector.isInProject(document.uri.fsPath, folder.uri.fsPath)));
    if (relevant && !controller) await withAnalysisProgress(start);
  };
  const considerAll = (documents: readonly vscode.TextDocument[]): void => {
    for (const document of documents) void consider(document);
  };

  context.subscriptions.push(
    log,
    handledChanged,
    vscode.workspace.onDidOpenTextDocument((document) => void consider(document)),
    vscode.window.onDidChangeVisibleTextEditors((editors) => considerAll(editors.map((editor) => editor.document))),
    vscode.commands.registerCommand('clerkToolkit.showFindings', () => showFindingsQuickPick(start())),
    vscode.commands.registerCommand('clerkToolkit.reanalyze', () =>
      withAnalysisProgress(() => {
        if (controller) controller.restart();
        else start();
      })),
  );
  considerAll(vscode.workspace.textDocuments);
  // Showing the event catalog is a reason to analyse the project: its check marks come from the model.
  return {
    onDidChange: handledChanged.event,
    handledEventTypes: async () => {
      if (!controller) await withAnalysisProgress(start);
      return start().handledEventTypes();
    },
  };
}

/**
 * A full analysis runs synchronously and can take seconds on a large workspace: a status bar
 * spinner says why the editor waits. The spinner is requested first and the work starts on the
 * next turn, so the request reaches the window before the extension host is busy.
 */
function withAnalysisProgress(analyze: () => unknown): Thenable<void> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Clerk: analysing the project…') }, async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    analyze();
  });
}
