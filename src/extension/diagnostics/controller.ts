import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnalysisFailure, AnalysisSession, EngineSettings } from '../../core/engine';
import type { Workspace } from '../../core/project/types';
import type { Finding, Range, Severity } from '../../core/model';
import { loadEngine } from '../lazyModules';
import { Debouncer } from './debounce';
import { FailureNotices } from './failureNotices';
import type { OnlineCheck } from './onlineCheck';
import { isAnalysisInput, isInIgnoredFolder } from '../../core/project/analysisInputs';

const diagnosticSource = 'Clerk Auth Toolkit';

/** Typing pauses shorter than this coalesce into one analysis. */
const typingDelayMs = 200;

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The engine's path form: absolute with '/' separators (Windows drive paths included). */
export function enginePath(uri: vscode.Uri): string {
  return uri.fsPath.split(path.sep).join('/');
}

export function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/**
 * Drives one `AnalysisSession` for the workspace folders: unsaved buffers become overlays, file
 * system events patch the project model, and a debounced `analyze()` feeds the DiagnosticCollection.
 * The engine runs synchronously on the extension host, so analyses are coalesced, never queued.
 */
export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('clerkToolkit');
  private readonly engine = loadEngine();
  private readonly docsUrls = new Map(this.engine.rulesMetadata().map((rule) => [rule.id, rule.docsUrl]));
  private session: AnalysisSession;
  private findings = new Map<string, Finding[]>();
  private readonly overlays = new Set<string>();
  private readonly analysis = new Debouncer(() => this.analyzeNow(), typingDelayMs);
  private readonly analyzed = new vscode.EventEmitter<void>();
  /** Fires after each analysis (status bar, tests). */
  readonly onDidAnalyze = this.analyzed.event;
  private onlineTemplates: EngineSettings['onlineJwtTemplates'];
  /** Counts online requests, so only the newest one's answer is applied. */
  private onlineRequests = 0;
  private readonly disposables: vscode.Disposable[] = [];
  /** One notice per streak of analyses with failures; the log has every failure. */
  private readonly failureNotices = new FailureNotices();
  /** The failures last logged, described. */
  private loggedFailures = '';

  constructor(
    private readonly onlineCheck: OnlineCheck,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.session = this.createSession();
    this.disposables.push(
      this.collection,
      this.analyzed,
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.bufferChanged(event.document);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => this.bufferSaved(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.bufferClosed(document)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('clerkToolkit.rules') || event.affectsConfiguration('clerkToolkit.envFiles') || event.affectsConfiguration('clerkToolkit.diagnostics.enable')) {
          this.session.updateSettings(this.settings());
          this.analysis.schedule(0);
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.restart()),
      onlineCheck.onDidReset(() => this.refreshOnlineTemplates()),
      ...this.watchers(),
    );
    this.refreshOnlineTemplates();
    this.analyzeNow();
  }

  /** Findings of one file, as last analysed (call `flush()` first when edits may be pending). */
  findingsOf(uri: vscode.Uri): Finding[] {
    return this.findings.get(enginePath(uri)) ?? [];
  }

  allFindings(): Finding[] {
    return [...this.findings.values()].flat();
  }

  /** Event types the project's webhook handlers already handle (the catalog's check marks). */
  handledEventTypes(): ReadonlySet<string> {
    return this.session.handledEventTypes();
  }

  workspaceModel(): Workspace {
    return this.session.getWorkspace();
  }

  /** Runs a pending analysis now, so code actions see the text the user sees. */
  flush(): void {
    this.analysis.flush();
  }

  toDiagnostic(finding: Finding): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(toVsRange(finding.location.range), finding.message, severities[finding.severity]);
    diagnostic.source = diagnosticSource;
    const docs = this.docsUrls.get(finding.ruleId);
    diagnostic.code = docs ? { value: finding.ruleId, target: vscode.Uri.parse(docs) } : finding.ruleId;
    if (finding.related?.length) {
      diagnostic.relatedInformation = finding.related.map(
        (related) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(related.location.file), toVsRange(related.location.range)), related.message),
      );
    }
    if (finding.deprecated) diagnostic.tags = [vscode.DiagnosticTag.Deprecated];
    return diagnostic;
  }

  /** Full re-scan: new session (fresh discovery), online data fetched again. */
  restart(): void {
    this.session = this.createSession();
    this.onlineCheck.reset();
    this.analyzeNow();
  }

  dispose(): void {
    this.analysis.cancel();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private createSession(): AnalysisSession {
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
    const session = new this.engine.AnalysisSession({ roots, host: this.engine.createNodeHost(), settings: this.settings() });
    this.overlays.clear();
    for (const document of vscode.workspace.textDocuments) {
      if (document.isDirty && this.isInput(document.uri)) {
        session.setOverlay(enginePath(document.uri), document.getText());
        this.overlays.add(enginePath(document.uri));
      }
    }
    return session;
  }

  private settings(): EngineSettings {
    const config = vscode.workspace.getConfiguration('clerkToolkit');
    const { settings, problems } = this.engine.engineSettingsFromValues({ rules: config.get('rules'), envFiles: config.get('envFiles') }, [...this.docsUrls.keys()]);
    for (const problem of problems) this.log.warn(vscode.l10n.t('Ignoring invalid {0} entry: {1}', problem.setting, problem.detail));
    if (this.onlineTemplates) settings.onlineJwtTemplates = this.onlineTemplates;
    return settings;
  }

  private refreshOnlineTemplates(): void {
    const request = ++this.onlineRequests;
    void this.onlineCheck.get().then((templates) => {
      // A reset while this request was in flight asked again: a slower, older answer must not win.
      if (request !== this.onlineRequests) return;
      if (JSON.stringify(templates) === JSON.stringify(this.onlineTemplates)) return;
      this.onlineTemplates = templates;
      this.session.updateSettings(this.settings());
      this.analysis.schedule(0);
    });
  }

  private isInput(uri: vscode.Uri): boolean {
    return uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(uri) !== undefined && isAnalysisInput(uri.fsPath);
  }

  /**
   * Unsaved text wins over disk. `isDirty` is not updated yet when this event fires, so every
   * edited buffer becomes an overlay; saving or closing it hands over to the file again (a
   * reverted buffer holds the disk text, so its overlay is harmless until then).
   */
  private bufferChanged(document: vscode.TextDocument): void {
    if (!this.isInput(document.uri)) return;
    const file = enginePath(document.uri);
    this.session.setOverlay(file, document.getText());
    this.overlays.add(file);
    this.analysis.schedule();
  }

  private bufferSaved(document: vscode.TextDocument): void {
    if (!this.isInput(document.uri)) return;
    this.dropOverlay(enginePath(document.uri));
    this.analysis.schedule(0);
  }

  /** A buffer closed without saving: its unsaved text no longer exists. */
  private bufferClosed(document: vscode.TextDocument): void {
    const file = enginePath(document.uri);
    if (!this.overlays.has(file)) return;
    this.dropOverlay(file);
    this.analysis.schedule();
  }

  private dropOverlay(file: string): void {
    this.overlays.delete(file);
    this.session.setOverlay(file, undefined);
  }

  /**
   * Disk changes made outside the editor (git checkout, `npx convex dev` writing `.env.local`,
   * explorer renames, which arrive as delete + create). One recursive watcher: env files,
   * package.json, middleware/proxy, `convex/` and whole folders (a deleted folder reports only
   * itself) all matter. A changed file with an overlay is left alone: the buffer wins until saved.
   */
  private watchers(): vscode.Disposable[] {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const inWorkspace = (uri: vscode.Uri): boolean => uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(uri) !== undefined && !isInIgnoredFolder(uri.fsPath);
    const treeChanged = (kind: 'created' | 'deleted') => (uri: vscode.Uri) => {
      if (!inWorkspace(uri)) return;
      if (kind === 'created') this.session.fileCreated(enginePath(uri));
      else this.session.fileDeleted(enginePath(uri));
      this.analysis.schedule();
    };
    return [
      watcher,
      watcher.onDidCreate(treeChanged('created')),
      watcher.onDidDelete(treeChanged('deleted')),
      watcher.onDidChange((uri) => {
        const file = enginePath(uri);
        if (!this.isInput(uri) || this.overlays.has(file)) return;
        this.session.fileChanged(file);
        this.analysis.schedule();
      }),
    ];
  }

  private analyzeNow(): void {
    this.analysis.cancel();
    const enabled = vscode.workspace.getConfiguration('clerkToolkit').get<boolean>('diagnostics.enable', true);
    const started = performance.now();
    this.findings = enabled ? this.session.analyze() : new Map();
    this.reportFailures(enabled ? this.session.getRuleFailures() : []);
    this.collection.clear();
    this.collection.set([...this.findings].map(([file, findings]) => [vscode.Uri.file(file), findings.map((finding) => this.toDiagnostic(finding))]));
    this.log.trace(vscode.l10n.t('Analysis: {0} finding(s) in {1} ms.', this.allFindings().length, Math.round(performance.now() - started)));
    this.analyzed.fire();
  }

  /**
   * A failing rule or file costs only its own findings: every failure is logged (again only when
   * they change, not on every keystroke), the first is shown once per streak.
   */
  private reportFailures(failures: AnalysisFailure[]): void {
    const ticket = this.failureNotices.start();
    const described = failures.map((failure) => this.engine.describeFailure(failure));
    const changed = described.join('\n') !== this.loggedFailures;
    this.loggedFailures = described.join('\n');
    if (failures.length === 0) {
      this.failureNotices.succeeded(ticket);
      return;
    }
    if (changed) {
      failures.forEach((failure, index) => {
        const detail = failure.error instanceof Error && failure.error.stack ? `\n${failure.error.stack}` : '';
        this.log.error(`${described[index]}${detail}`);
      });
    }
    if (!this.failureNotices.failed(ticket)) return;
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('Clerk Auth Toolkit could not analyze part of the workspace: {0}. All other findings are shown.', described[0]),
        showLog,
      )
      .then((answer) => {
        if (answer === showLog) this.log.show();
      });
  }
}
