import * as l10n from '@vscode/l10n';
import { AnalysisSession, describeFailure } from './engine';
import { resolveAppEnv } from './env/appEnv';
import { convexEnvSetCommand, parseConvexEnvSetCommand } from './env/convexEnvSet';
import { disableCommentEdit } from './fixes/disableComment';
import { planFixAll } from './fixes/fixAll';
import { workspaceChangeOf } from './fixes/workspaceChange';
import { hoverAt, type HoverContent } from './hovers';
import type { EngineSettings, Finding, JwtTemplateInfo, Position, Range, Severity, WorkspaceChange } from './model';
import { normalizePath, type FileHost } from './project/fileHost';
import { summarizeProject, type ProjectSummary } from './project/summary';
import { envConvexDeploymentRule } from './rules/env-convex-deployment';
import type { Rule } from './rules/rule';
import { pathToUri } from './uris';

/** One workspace folder and its own settings (`clerkToolkit.*` read with the folder as scope). */
export interface ServiceFolder {
  root: string;
  settings: EngineSettings;
  /** `clerkToolkit.diagnostics.enable`: false reports no findings in this folder. */
  diagnosticsEnabled?: boolean;
}

export interface ToolkitServiceOptions {
  folders: ServiceFolder[];
  host: FileHost;
  /** Workspace Trust: untrusted folders get no online data and no env values read out. */
  trusted: boolean;
  /**
   * Commands the client runs (the VS Code extension's internal ones): clipboard fixes, "disable in
   * settings" and the hover's copy link need them. Without them (other editors) only edits are offered.
   */
  commands?: ClientCommands;
  /** Defaults to every rule. */
  rules?: Rule[];
}

/** Command ids of the client; the arguments are documented in `src/protocol/commands.ts`. */
export interface ClientCommands {
  /** Args: [fixId]. */
  copyFixText: string;
  /** Args: [ruleId, folderUri?]. */
  disableRule: string;
  /** Args: [projectRoot, key]. */
  copyConvexEnvSet: string;
}

/** What one analysis found, over every folder. */
export interface ServiceAnalysis {
  /** Findings by file (absolute '/' path), only files that have some. */
  findings: Map<string, Finding[]>;
  /** One line per part that could not be analyzed (no file contents). */
  failures: string[];
}

/** A code action as the adapters show it: an edit of the workspace, a command, or both. */
export interface ServiceCodeAction {
  title: string;
  kind: 'quickfix' | 'fixAll';
  /** The finding it resolves, so the adapter links the action to its diagnostic. */
  finding?: Finding;
  change?: WorkspaceChange;
  command?: { id: string; arguments: unknown[] };
  preferred?: boolean;
}

export interface ConvexEnvSetCommand {
  /** The shell command; may hold a secret value, so it goes to the clipboard only. */
  command: string;
  placeholder: 'none' | 'untrusted' | 'no-value';
}

/** A project summary for the status bar, plus how many projects the workspace has. */
export interface ServiceProjectSummary {
  summary?: ProjectSummary;
  projectCount: number;
}

interface FolderState {
  folder: ServiceFolder;
  session: AnalysisSession;
}

/**
 * The one editor-free service the adapters translate (language server, tests): an
 * `AnalysisSession` per workspace folder with the folder's own settings, the unsaved documents,
 * findings, hovers, code actions and fix-all as `WorkspaceChange`s, and the env lookups of the
 * "copy `npx convex env set`" command. It applies Workspace Trust itself.
 */
export class ToolkitService {
  private readonly host: FileHost;
  private readonly commands: ClientCommands | undefined;
  private readonly rules: Rule[] | undefined;
  private trusted: boolean;
  private onlineTemplates: JwtTemplateInfo[] | undefined;
  private folders: FolderState[] = [];
  /** Unsaved editor text by file; kept across folder changes and resets. */
  private readonly documents = new Map<string, string>();
  private latest: ServiceAnalysis | undefined;
  /** Something changed since `latest` was computed. */
  private stale = true;

  constructor(options: ToolkitServiceOptions) {
    this.host = options.host;
    this.trusted = options.trusted;
    this.commands = options.commands;
    this.rules = options.rules;
    this.setFolders(options.folders);
  }

  // --- state -------------------------------------------------------------------------------

  /** New folder list: every session starts over (fresh discovery), unsaved documents kept. */
  setFolders(folders: ServiceFolder[]): void {
    this.folders = folders.map((folder) => this.createFolder({ ...folder, root: normalizePath(folder.root) }));
    this.stale = true;
  }

  /** Re-discovers every project (the "Re-analyze" command). */
  reset(): void {
    this.setFolders(this.folders.map((state) => state.folder));
  }

  setFolderSettings(root: string, settings: EngineSettings, diagnosticsEnabled = true): void {
    const state = this.folders.find((candidate) => candidate.folder.root === normalizePath(root));
    if (!state) return;
    state.folder = { ...state.folder, settings, diagnosticsEnabled };
    state.session.updateSettings(this.effectiveSettings(state.folder));
    this.stale = true;
  }

  /** The online check's JWT templates (undefined: offline). Ignored while untrusted. */
  setOnlineTemplates(templates: JwtTemplateInfo[] | undefined): void {
    this.onlineTemplates = templates;
    this.refreshSettings();
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    this.refreshSettings();
  }

  openDocument(file: string, text: string): void {
    this.changeDocument(file, text);
  }

  changeDocument(file: string, text: string): void {
    const path = normalizePath(file);
    this.documents.set(path, text);
    for (const { session } of this.foldersContaining(path)) session.setOverlay(path, text);
    this.stale = true;
  }

  /** The buffer closed: the file on disk wins again. */
  closeDocument(file: string): void {
    const path = normalizePath(file);
    if (!this.documents.delete(path)) return;
    for (const { session } of this.foldersContaining(path)) session.setOverlay(path, undefined);
    this.stale = true;
  }

  fileCreated(file: string): void {
    this.onDisk(file, (session, path) => session.fileCreated(path));
  }

  /** A change on disk; an open document keeps its buffer text. */
  fileChanged(file: string): void {
    if (this.documents.has(normalizePath(file))) return;
    this.onDisk(file, (session, path) => session.fileChanged(path));
  }

  fileDeleted(file: string): void {
    this.onDisk(file, (session, path) => session.fileDeleted(path));
  }

  // --- results -----------------------------------------------------------------------------

  /** Findings of every folder whose diagnostics are enabled, and what could not be analyzed. */
  analyze(): ServiceAnalysis {
    const findings = new Map<string, Finding[]>();
    const failures: string[] = [];
    for (const state of this.folders) {
      const { folder, session } = state;
      if (folder.diagnosticsEnabled === false) continue;
      for (const [file, list] of session.analyze()) {
        // A folder nested in another is analysed by both; its files follow its own settings.
        if (this.folderOf(file) === state) findings.set(file, list);
      }
      failures.push(...session.getRuleFailures().map((failure) => describeFailure(failure)));
    }
    this.latest = { findings, failures };
    this.stale = false;
    return this.latest;
  }

  /** Findings of one file as of now (analyses first when something changed). */
  findingsOf(file: string): Finding[] {
    return this.current().findings.get(normalizePath(file)) ?? [];
  }

  hover(file: string, position: Position): HoverContent | undefined {
    const path = normalizePath(file);
    const session = this.folderOf(path)?.session;
    const project = session?.projectOf(path);
    if (!session || !project) return undefined;
    return hoverAt({
      workspace: session.getWorkspace(),
      project,
      file: path,
      position,
      readFile: (other) => session.readFile(other),
      source: (other) => session.sourceOf(other),
      fact: (fact, other) => session.fact(fact, other),
      filesWith: (fact, files) => session.filesWith(fact, files),
      onlineJwtTemplates: this.trusted ? this.onlineTemplates : undefined,
      trusted: this.trusted,
      copyConvexEnvSetCommand: this.commands?.copyConvexEnvSet,
    });
  }

  /**
   * Quick fixes of the findings touching `range`: each rule fix, then "disable for this line" and
   * "disable in settings" per finding, then fix-all of the file when it fixes anything.
   */
  codeActions(file: string, range: Range): ServiceCodeAction[] {
    const path = normalizePath(file);
    const findings = this.findingsOf(path);
    const fixes: ServiceCodeAction[] = [];
    const disables: ServiceCodeAction[] = [];
    for (const finding of findings) {
      if (!touches(finding.location.range, range)) continue;
      finding.fixes?.forEach((fix, index) => {
        const hasEdit = fix.edits.length > 0 || (fix.createFiles?.length ?? 0) > 0 || (fix.renameFiles?.length ?? 0) > 0;
        const copyCommand = fix.clipboardText === undefined ? undefined : this.commands?.copyFixText;
        if (!hasEdit && !copyCommand) return;
        fixes.push({
          title: fix.title,
          kind: 'quickfix',
          finding,
          change: hasEdit ? workspaceChangeOf(fix) : undefined,
          command: copyCommand ? { id: copyCommand, arguments: [clipboardFixId(finding, index)] } : undefined,
          preferred: fix.preferred,
        });
      });
      const text = this.folderOf(path)?.session.readFile(path);
      if (text !== undefined) {
        const edit = disableCommentEdit(path, text, finding.location.range.start.line, finding.ruleId);
        disables.push({ title: l10n.t('Disable {0} for this line', finding.ruleId), kind: 'quickfix', finding, change: workspaceChangeOf({ edits: [edit] }) });
      }
      if (this.commands) {
        const folder = this.folderOf(path)?.folder.root;
        disables.push({
          title: l10n.t('Disable {0} in settings', finding.ruleId),
          kind: 'quickfix',
          finding,
          command: { id: this.commands.disableRule, arguments: folder ? [finding.ruleId, pathToUri(folder)] : [finding.ruleId] },
        });
      }
    }
    const fixAll = this.fixAll(path);
    return [...fixes, ...disables, ...(fixAll ? [fixAll] : [])];
  }

  /** `source.fixAll.clerk`: every safe fix of the file at once; undefined when none applies. */
  fixAll(file: string): ServiceCodeAction | undefined {
    const plan = planFixAll(this.findingsOf(file));
    if (plan.fixCount === 0) return undefined;
    return { title: l10n.t('Fix all safe Clerk Auth Toolkit problems'), kind: 'fixAll', change: workspaceChangeOf(plan) };
  }

  /**
   * The clipboard text of a fix, by the id its code action carried; looked up in the current
   * findings, so it holds the value the env files give now. It may hold a secret. In an untrusted
   * workspace a value taken from an env file is not handed out: the command gets the `<value>`
   * placeholder, as the hover's does.
   */
  fixClipboardText(fixId: string): string | undefined {
    const parsed = parseClipboardFixId(fixId);
    if (!parsed) return undefined;
    const finding = this.findingsOf(parsed.file).find(
      (candidate) =>
        candidate.ruleId === parsed.ruleId &&
        candidate.location.range.start.line === parsed.line &&
        candidate.location.range.start.character === parsed.character,
    );
    const text = finding?.fixes?.[parsed.index]?.clipboardText;
    const command = text === undefined || this.trusted || finding?.ruleId !== envConvexDeploymentRule.id ? undefined : parseConvexEnvSetCommand(text);
    return command ? convexEnvSetCommand(command.key, undefined) : text;
  }

  /** `npx convex env set KEY value` with the value the project's env files give it now (unsaved text included). */
  convexEnvSetCommand(projectRoot: string, key: string): ConvexEnvSetCommand | undefined {
    // The key ends up in a shell command: variable names only.
    if (!/^[A-Za-z_]\w*$/.test(key)) return undefined;
    if (!this.trusted) return { command: convexEnvSetCommand(key, undefined), placeholder: 'untrusted' };
    const root = normalizePath(projectRoot);
    const project = this.folderOf(root, true)
      ?.session.getWorkspace()
      .projects.find((candidate) => candidate.root === root);
    const value = project ? resolveAppEnv(project.envFiles).lookup(key)?.value : undefined;
    return value
      ? { command: convexEnvSetCommand(key, value), placeholder: 'none' }
      : { command: convexEnvSetCommand(key, undefined), placeholder: 'no-value' };
  }

  /** Clerk event types the webhook handlers of every folder handle (the catalog's check marks). */
  handledEventTypes(): string[] {
    const types = new Set<string>();
    for (const { session } of this.folders) for (const type of session.handledEventTypes()) types.add(type);
    return [...types].sort();
  }

  /** The project of a file (else the first one found) and the number of projects in the workspace. */
  projectSummary(file?: string): ServiceProjectSummary {
    const path = file === undefined ? undefined : normalizePath(file);
    const workspaces = this.folders.map(({ session }) => session.getWorkspace());
    const projectCount = workspaces.reduce((count, workspace) => count + workspace.projects.length, 0);
    const owner = path === undefined ? undefined : this.folderOf(path)?.session.getWorkspace();
    const summary = (owner ? summarizeProject(owner, path) : undefined) ?? workspaces.map((workspace) => summarizeProject(workspace, undefined)).find(Boolean);
    return { summary, projectCount };
  }

  /** Finding counts by severity of the latest analysis. */
  static countsOf(analysis: ServiceAnalysis): Record<Severity, number> {
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const list of analysis.findings.values()) for (const finding of list) counts[finding.severity]++;
    return counts;
  }

  // --- internals ---------------------------------------------------------------------------

  private current(): ServiceAnalysis {
    return this.stale || !this.latest ? this.analyze() : this.latest;
  }

  private createFolder(folder: ServiceFolder): FolderState {
    const session = new AnalysisSession({ roots: [folder.root], host: this.host, settings: this.effectiveSettings(folder), rules: this.rules });
    for (const [file, text] of this.documents) {
      if (this.isInside(file, folder.root)) session.setOverlay(file, text);
    }
    return { folder, session };
  }

  /** The folder's settings plus the online data, which only trusted workspaces get. */
  private effectiveSettings(folder: ServiceFolder): EngineSettings {
    return { ...folder.settings, onlineJwtTemplates: this.trusted ? this.onlineTemplates : undefined };
  }

  private refreshSettings(): void {
    for (const state of this.folders) state.session.updateSettings(this.effectiveSettings(state.folder));
    this.stale = true;
  }

  private onDisk(file: string, apply: (session: AnalysisSession, path: string) => void): void {
    const path = normalizePath(file);
    for (const { session } of this.foldersContaining(path)) apply(session, path);
    this.stale = true;
  }

  /** Every folder whose session sees a file: nested folders of a multi-root workspace overlap. */
  private foldersContaining(file: string): FolderState[] {
    return this.folders.filter((state) => this.isInside(file, state.folder.root));
  }

  /** The innermost folder containing a file (nested folders of a multi-root workspace). */
  private folderOf(file: string, orSelf = false): FolderState | undefined {
    return this.folders
      .filter((state) => this.isInside(file, state.folder.root) || (orSelf && file === state.folder.root))
      .sort((a, b) => b.folder.root.length - a.folder.root.length)[0];
  }

  private isInside(file: string, root: string): boolean {
    return file.startsWith(root.endsWith('/') ? root : `${root}/`);
  }
}

/** Ranges that overlap or touch (a cursor at either end of a finding counts). */
function touches(a: Range, b: Range): boolean {
  const before = (x: Position, y: Position) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Identifies a fix by its finding's position, so its clipboard text is looked up afresh on click. */
function clipboardFixId(finding: Finding, index: number): string {
  const { start } = finding.location.range;
  return JSON.stringify([finding.location.file, finding.ruleId, start.line, start.character, index]);
}

function parseClipboardFixId(fixId: string): { file: string; ruleId: string; line: number; character: number; index: number } | undefined {
  try {
    const parsed: unknown = JSON.parse(fixId);
    if (!Array.isArray(parsed) || parsed.length !== 5) return undefined;
    const [file, ruleId, line, character, index] = parsed as unknown[];
    if (typeof file !== 'string' || typeof ruleId !== 'string' || ![line, character, index].every((n) => Number.isInteger(n))) return undefined;
    return { file, ruleId, line: line as number, character: character as number, index: index as number };
  } catch {
    return undefined;
  }
}
