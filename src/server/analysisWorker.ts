// Entry of dist/analysisWorker.js: the ToolkitService in a worker thread, so a long analysis never
// blocks the server's main thread and can be stopped by terminating the thread.
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver/node';
import { configureL10n } from '../core/l10n';
import { createNodeHost, type FileHost } from '../core/project/fileHost';
import { allRules } from '../core/rules/registry';
import type { Rule } from '../core/rules/rule';
import type { RuleContext } from '../core/model';
import { ToolkitService, type ServiceFolder } from '../core/service';
import { engineSettingsFromValues } from '../core/settings';
import { pathToUri, uriToPath } from '../core/uris';
import { fixAllKind, toCodeAction, toDiagnostic, toHover, type WorkspaceEditContext } from './convert';
import type { FromWorker, ToWorker, WorkerDocument, WorkerFolder, WorkerNotifications, WorkerRequests, WorkerState } from './workerProtocol';

const port = parentPort!;
const state = receiveState(workerData as WorkerState | PrestartData);

/** What a worker started before the server knew its workspace gets (`prestartAnalysisWorker`). */
interface PrestartData {
  statePort: MessagePort;
  stateSignal: SharedArrayBuffer;
}

/**
 * The state this worker is built from: given at its start, or, for a prestarted worker, sent once
 * the client named the workspace. It waits here with its code loaded; in short waits, so that a
 * `terminate()` meanwhile is not held up.
 */
function receiveState(data: WorkerState | PrestartData): WorkerState {
  if (!('statePort' in data)) return data;
  const signal = new Int32Array(data.stateSignal);
  for (;;) {
    const received = receiveMessageOnPort(data.statePort);
    if (received) {
      data.statePort.close();
      return received.message as WorkerState;
    }
    Atomics.wait(signal, 0, 0, 100);
  }
}
configureL10n(state.l10nBundle);

const post = (message: FromWorker) => port.postMessage(message);
post({ kind: 'ready' });
const excluded = new Set(state.excluded);
const knownRuleIds = allRules.map((rule) => rule.id);
const versions = new Map<string, number>();

// Which file the analysis is at, for the main thread to name when it runs past the time limit.
const marker = new Int32Array(state.readingMarker);
const pathIds = new Map<string, number>();
/**
 * Tests prove the watchdog by naming a file the worker blocks on when it reads it: a real stall (a
 * backtracking regex…) has no lasting reproducer once its cause is fixed.
 */
const stallOnFile = process.env.CLERK_TOOLKIT_TEST_STALL_ON;
function reading(file: string | undefined): void {
  let id = file === undefined ? 0 : pathIds.get(file);
  if (id === undefined) {
    id = pathIds.size + 1;
    pathIds.set(file!, id);
    post({ kind: 'path', id, file: file! });
  }
  Atomics.store(marker, 0, id);
  Atomics.add(marker, 1, 1);
  // A busy loop, not Atomics.wait: only running JavaScript is stopped by Worker.terminate().
  if (stallOnFile && ruleRunning && file?.endsWith(stallOnFile) && !excluded.has(file)) for (;;);
}

/**
 * While a rule runs, the file it last asked for is the one to blame (as the engine does for a rule
 * that throws); the files it reads through the workspace model (.gitignore…) are not.
 */
let ruleRunning = false;
const rules: Rule[] = allRules.map((rule) =>
  Object.assign(Object.create(rule) as Rule, {
    check(ctx: RuleContext) {
      ruleRunning = true;
      try {
        return rule.check({
          ...ctx,
          source: (file: string) => (reading(file), ctx.source(file)),
          readFile: (file: string) => (reading(file), ctx.readFile(file)),
        });
      } finally {
        ruleRunning = false;
        reading(undefined);
      }
    },
  }),
);

/** Disk access that marks the file it reads, and pretends excluded files are absent. */
const disk = createNodeHost();
const host: FileHost = {
  readFile(file) {
    if (excluded.has(file)) return undefined;
    if (!ruleRunning) reading(file);
    return disk.readFile(file);
  },
  readDirectory: (dir) => disk.readDirectory(dir),
  exists: (file) => !excluded.has(file) && disk.exists(file),
  realPath: (file) => disk.realPath?.(file),
};

let settingsProblems: string[] = [];
const folderSettings = new Map<string, string[]>();

function serviceFolder(folder: WorkerFolder): ServiceFolder {
  const { settings, problems } = engineSettingsFromValues({ rules: folder.values.rules, envFiles: folder.values.envFiles }, knownRuleIds);
  folderSettings.set(
    folder.root,
    problems.map((problem) => `${problem.setting}: ${problem.detail}`),
  );
  settingsProblems = [...folderSettings.values()].flat();
  return { root: folder.root, settings, diagnosticsEnabled: folder.values.diagnosticsEnable !== false };
}

/** Documents edited since the last analysis: their diagnostics are published even when unchanged, as the answer to the edit. */
const edited = new Set<string>();

const service = new ToolkitService({ folders: state.folders.map(serviceFolder), host, trusted: state.trusted, commands: state.commands, rules });
if (state.onlineTemplates) service.setOnlineTemplates(state.onlineTemplates);
// A replacement worker (after a time-out or a crash) starts with the open documents.
for (const document of state.documents) changeDocument(document);

function changeDocument(document: WorkerDocument): void {
  versions.set(document.file, document.version);
  edited.add(document.file);
  // An excluded file's buffer would bring it back through the overlay.
  if (!excluded.has(document.file)) service.changeDocument(document.file, document.text);
}

const editContext: WorkspaceEditContext = {
  versionOf: (file) => versions.get(file),
  exists: (file) => disk.exists(file),
};

/** Diagnostics last sent, by URI, as JSON: only changes travel to the main thread. */
const sent = new Map<string, string>();
let analyzedOnce = false;

const requests: WorkerRequests = {
  analyze() {
    const started = performance.now();
    const analysis = service.analyze();
    const diagnostics: [string, Diagnostic[]][] = [];
    const current = new Set<string>();
    for (const [file, findings] of analysis.findings) {
      const uri = pathToUri(file);
      const list = findings.map(toDiagnostic);
      const json = JSON.stringify(list);
      current.add(uri);
      if (sent.get(uri) === json && !edited.has(file)) continue;
      sent.set(uri, json);
      diagnostics.push([uri, list]);
    }
    for (const uri of sent.keys()) {
      if (current.has(uri)) continue;
      sent.delete(uri);
      diagnostics.push([uri, []]);
    }
    for (const file of edited) {
      const uri = pathToUri(file);
      if (!current.has(uri) && !diagnostics.some(([listed]) => listed === uri)) diagnostics.push([uri, []]);
    }
    edited.clear();
    const complete = !analyzedOnce;
    analyzedOnce = true;
    return {
      diagnostics,
      complete,
      failures: analysis.failures,
      settingsProblems,
      counts: ToolkitService.countsOf(analysis),
      durationMs: performance.now() - started,
    };
  },
  hover(uri, position) {
    const file = uriToPath(uri);
    const content = file === undefined ? undefined : service.hover(file, position);
    return content ? toHover(content) : null;
  },
  codeActions(uri, range, only) {
    const file = uriToPath(uri);
    if (file === undefined) return [];
    // `only` lists kinds or their parents: `source.fixAll` (editor.codeActionsOnSave) asks for `source.fixAll.clerk`.
    const wanted = (kind: string) => !only || only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
    if (!wanted('quickfix')) {
      const fixAll = wanted(fixAllKind) ? service.fixAll(file) : undefined;
      return fixAll ? [toCodeAction(fixAll, editContext)] : [];
    }
    return service
      .codeActions(file, range)
      .map((action) => toCodeAction(action, editContext))
      .filter((action) => wanted(action.kind!));
  },
  projectSummary(uri) {
    const { summary, projectCount } = service.projectSummary(uri === undefined ? undefined : uriToPath(uri));
    return {
      rootUri: summary ? pathToUri(summary.root) : null,
      nextVersion: summary?.nextVersion,
      clerkMajor: summary?.clerkMajor,
      hasConvex: summary?.hasConvex ?? false,
      projectCount,
    };
  },
  handledEventTypes: () => service.handledEventTypes(),
  fixClipboardText: (fixId) => service.fixClipboardText(fixId) ?? null,
  convexEnvSetCommand: (projectRoot, key) => service.convexEnvSetCommand(projectRoot, key) ?? null,
};

const notifications: WorkerNotifications = {
  changeDocument,
  closeDocument(file) {
    versions.delete(file);
    service.closeDocument(file);
  },
  fileCreated: (file) => service.fileCreated(file),
  fileChanged: (file) => service.fileChanged(file),
  fileDeleted: (file) => service.fileDeleted(file),
  setFolders: (folders) => service.setFolders(folders.map(serviceFolder)),
  setFolderSettings(folder) {
    const { root, settings, diagnosticsEnabled } = serviceFolder(folder);
    service.setFolderSettings(root, settings, diagnosticsEnabled);
  },
  setOnlineTemplates: (templates) => service.setOnlineTemplates(templates),
  setExcluded(files) {
    const previous = [...excluded];
    excluded.clear();
    for (const file of files) excluded.add(file);
    // A file let back in is read again: it may have been fixed.
    for (const file of previous) if (!excluded.has(file)) service.fileChanged(file);
  },
  reset: () => service.reset(),
};

port.on('message', (message: ToWorker) => {
  if (message.kind === 'notification') {
    (notifications[message.method] as (...args: unknown[]) => void)(...message.args);
    return;
  }
  try {
    const value = (requests[message.method] as (...args: unknown[]) => unknown)(...message.args);
    post({ kind: 'result', id: message.id, value });
  } catch (error) {
    post({ kind: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  } finally {
    reading(undefined);
  }
});
