import * as l10n from '@vscode/l10n';
import type * as ts from 'typescript';
import { clerkEventTypeComparisons, eventComparisonMarkers } from './analysis/webhookEvents';
import { validClerkEventTypes } from './rules/webhook-event-type';
import { resolveAppEnv } from './env/appEnv';
import { createNodeHost, normalizePath, OverlayHost, type FileHost } from './project/fileHost';
import { ProjectDiscovery } from './project/discover';
import type { ModuleSource } from './project/moduleGraph';
import type { Project, Workspace } from './project/types';
import { maxExpandedLength } from './env/envFile';
import { FileFactCache, holds, notCached, textTest, type FileFact } from './parse/fileFacts';
import { ModuleFactsCache } from './parse/moduleFacts';
import { SourceCache, isSourceFile, maxTreeDepth } from './parse/sourceFile';
import { allRules } from './rules/registry';
import type { EngineSettings, RuleContext } from './model';
import { docsUrl, type Rule } from './rules/rule';
import type { Finding, Severity } from './model';

export type { EngineSettings } from './model';

export interface RuleMetadata {
  id: string;
  title: string;
  defaultSeverity: Severity;
  description: string;
  docsUrl: string;
}

export function rulesMetadata(rules: Rule[] = allRules): RuleMetadata[] {
  return rules.map((rule) => ({
    id: rule.id,
    title: rule.title,
    defaultSeverity: rule.defaultSeverity,
    description: rule.description,
    docsUrl: docsUrl(rule.id),
  }));
}

/**
 * Part of the analysis that failed; everything else is still reported. A rule that threw costs its
 * findings on that project; a file that cannot be parsed or walked safely costs its own findings; a
 * project whose model cannot be built costs that project.
 */
export interface AnalysisFailure {
  /** The rule that threw; undefined for a file or project that could not be analyzed. */
  ruleId?: string;
  projectRoot?: string;
  /** The file involved, when known (for a rule: the file it was reading when it threw). */
  file?: string;
  /** What is missing: findings in `file` only, or in the whole project. */
  cost: 'file' | 'project';
  error: unknown;
}

/** A rule that throws on one file is run again without that file, at most this many times. */
const maxFilesSkippedPerRule = 3;

export interface AnalysisSessionOptions {
  /** Workspace folders (absolute). */
  roots: string[];
  host: FileHost;
  settings?: EngineSettings;
  /** Defaults to every rule; tests pass the rule under test. */
  rules?: Rule[];
}

const mayCompareEventTypes = textTest(...eventComparisonMarkers);

/** Files whose change can alter which projects exist or their package facts. */
const structuralFileNames = new Set([
  'package.json',
  'convex.json',
  '.gitignore',
  'tsconfig.json',
  'jsconfig.json',
  'package-lock.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'bun.lock',
]);

/**
 * The engine the adapters drive. Incremental by project:
 * - parsed sources are cached per file and text, so only edited files are re-parsed;
 * - raw findings are cached per project (a Next.js app with its Convex folders); a change marks
 *   only the project owning the file dirty, and `analyze()` rebuilds that project's model (env
 *   files, client modules, versions) and re-runs the rules on it alone. Editing
 *   `convex/auth.config.ts` thus re-checks the client files of the same app, and no other app;
 * - structural files (package.json, lock files, convex.json, .gitignore, tsconfig) and files outside
 *   every project mark everything dirty; the file list is walked once and then patched on
 *   create/delete.
 * Settings (disabled rules, severities) and disable comments are applied after the cache, on every
 * `analyze()`, so a settings change re-runs nothing.
 */
export class AnalysisSession {
  private readonly host: OverlayHost;
  private readonly sources = new SourceCache();
  private readonly moduleFacts = new ModuleFactsCache();
  private readonly facts = new FileFactCache();
  private discovery!: ProjectDiscovery;
  private readonly rules: Rule[];
  private settings: EngineSettings;
  private projects = new Map<string, Project>();
  private findingsByProject = new Map<string, Finding[]>();
  private dirty: Set<string> | 'all' = 'all';
  /** Source files of known projects whose text changed: their project's model is rebuilt only when their module facts changed. */
  private readonly editedSources = new Set<string>();
  private workspace: Workspace | undefined;
  /** Rule and model failures by project root, kept until that project is rebuilt. */
  private failuresByProject = new Map<string, AnalysisFailure[]>();

  constructor(options: AnalysisSessionOptions) {
    // Confined to the workspace folders: nothing whose real path lies outside them is read.
    this.host = new OverlayHost(options.host, options.roots.map(normalizePath));
    this.rules = options.rules ?? allRules;
    this.settings = options.settings ?? {};
    this.resetDiscovery(options.roots.map(normalizePath));
  }

  /** Unsaved editor contents (undefined when the buffer is saved or closed: the file wins again). */
  setOverlay(file: string, text: string | undefined): void {
    const path = normalizePath(file);
    const existed = this.discovery.hasFile(path);
    this.host.setOverlay(path, text);
    if (!existed && text !== undefined) this.fileCreated(path);
    else this.fileChanged(path);
  }

  fileChanged(file: string): void {
    const path = normalizePath(file);
    this.forgetText(path);
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (name === '.gitignore') {
      this.resetDiscovery(this.discovery.roots);
      return;
    }
    if (structuralFileNames.has(name)) {
      this.markDirty('all');
      return;
    }
    const owner = this.projectRootOf(path);
    const readers = this.readersOf(path);
    for (const root of readers) this.markDirty(root);
    if (owner !== undefined && isSourceFile(path) && this.discovery.hasFile(path)) this.editedSources.add(path);
    else if (owner !== undefined || readers.length > 0) this.markDirty(owner);
    else if (!isSourceFile(path) && !name.startsWith('.env')) this.markDirty('all');
  }

  fileCreated(file: string): void {
    const path = normalizePath(file);
    this.forgetText(path);
    this.discovery.addPath(path);
    this.afterTreeChange(path);
  }

  fileDeleted(file: string): void {
    const path = normalizePath(file);
    this.forgetText(path);
    this.discovery.removePath(path);
    this.sources.delete(path);
    this.moduleFacts.delete(path);
    this.afterTreeChange(path);
  }

  /** The file's text may have changed: its cached text and facts go. */
  private forgetText(path: string): void {
    this.host.forget(path);
    this.facts.delete(path);
  }

  /** Disabled rules and severities only re-filter; inputs of the rules (env sources, online data) re-run them. */
  updateSettings(settings: EngineSettings): void {
    const changed = (pick: (s: EngineSettings) => unknown) => JSON.stringify(pick(settings)) !== JSON.stringify(pick(this.settings));
    const newEnvFiles = changed((s) => s.extraEnvFiles);
    const newInputs = changed((s) => s.processEnv) || changed((s) => s.onlineJwtTemplates) || changed((s) => s.onlyRules);
    this.settings = settings;
    if (newEnvFiles) this.resetDiscovery(this.discovery.roots);
    else if (newInputs) this.markDirty('all');
  }

  getWorkspace(): Workspace {
    this.refreshModel();
    return this.workspace!;
  }

  /**
   * Clerk webhook event types the project's handlers compare against (`case 'user.created':`), for
   * the event catalog's check marks. Only valid catalog types count: a misspelt one handles nothing.
   */
  handledEventTypes(): Set<string> {
    const workspace = this.getWorkspace();
    const files = new Set([...workspace.nextApps.flatMap((app) => app.sourceFiles), ...workspace.convexDirs.flatMap((dir) => dir.functionFiles)]);
    const valid = new Set(validClerkEventTypes);
    const handled = new Set<string>();
    for (const file of files) {
      const sourceFile = this.fact(mayCompareEventTypes, file) ? this.source(file) : undefined;
      if (!sourceFile) continue;
      for (const { literal } of clerkEventTypeComparisons(sourceFile)) {
        if (valid.has(literal.text)) handled.add(literal.text);
      }
    }
    return handled;
  }

  /** The innermost project containing a file (a Next.js app, or a Convex package of its own). */
  projectOf(file: string): Project | undefined {
    const path = normalizePath(file);
    return this.getWorkspace()
      .projects.filter((project) => path.startsWith(`${project.root}/`))
      .sort((a, b) => b.root.length - a.root.length)[0];
  }

  /** The text of a file as the analysis sees it (unsaved editor text wins). */
  readFile(file: string): string | undefined {
    return this.host.readFile(normalizePath(file));
  }

  /** The parsed source of a code file (cached per text), as the rules see it. */
  sourceOf(file: string): ts.SourceFile | undefined {
    return this.source(normalizePath(file));
  }

  /**
   * What failed in the current results: rules that threw, projects whose model could not be built,
   * and files left out because they do not parse or are nested too deeply to walk.
   */
  getRuleFailures(): AnalysisFailure[] {
    const files: AnalysisFailure[] = [...this.sources.problems((file) => this.host.readFile(file))]
      .filter(([file]) => this.discovery.hasFile(file))
      .map(([file, problem]) => ({
        projectRoot: this.projectRootOf(file),
        file,
        cost: 'file' as const,
        error: new Error(
          problem.kind === 'too-deep'
            ? l10n.t('not analyzed: its syntax tree is nested more than {0} levels deep (generated or minified code?), too deep to walk safely', maxTreeDepth)
            : l10n.t('not analyzed: the TypeScript parser failed ({0})', problem.detail),
        ),
      }));
    // Files left out on purpose (links out of the workspace, size caps, `.gitignore` lines not applied): one note each.
    const notes = this.discovery
      .notes(this.projects.keys())
      .map(({ file, reason }): AnalysisFailure => ({ projectRoot: this.projectRootOf(file), file, cost: 'file', error: new Error(reason) }));
    return [...[...this.failuresByProject.values()].flat(), ...files, ...notes];
  }

  /** Findings by file (absolute '/' path), after settings, severity overrides and disable comments. */
  analyze(): Map<string, Finding[]> {
    this.refreshModel();
    const workspace = this.workspace!;
    // Rebuilt projects have no findings: `getWorkspace()` may have rebuilt them since the last analysis.
    for (const [root, project] of this.projects) {
      if (this.findingsByProject.has(root)) continue;
      const read = [root, ...workspace.peersOf(project).map((peer) => peer.root)].map((folder) => `${folder}/`);
      this.sources.focusOn((file) => read.some((folder) => file.startsWith(folder)));
      this.findingsByProject.set(root, this.runRules(workspace, project));
    }
    // Linear in the findings (issue 8): each file is split into lines once, each line above a finding
    // read once, and duplicates found by key.
    const byFile = new Map<string, Finding[]>();
    const seen = new Set<string>();
    const linesOf = new Map<string, string[]>();
    const disablesAbove = new Map<string, string[] | undefined>();
    const isSuppressed = ({ ruleId, location: { file, range } }: Finding): boolean => {
      if (range.start.line === 0) return false;
      const key = `${file}\n${range.start.line}`;
      if (!disablesAbove.has(key)) {
        if (!linesOf.has(file)) linesOf.set(file, this.host.readFile(file)?.split('\n') ?? []);
        disablesAbove.set(key, disabledRuleIds(linesOf.get(file)![range.start.line - 1]));
      }
      const ids = disablesAbove.get(key);
      return ids !== undefined && (ids.length === 0 || ids.includes(ruleId));
    };
    for (const findings of this.findingsByProject.values()) {
      for (const finding of findings) {
        const effective = this.applySettings(finding);
        if (!effective || isSuppressed(effective)) continue;
        const key = findingKey(effective);
        if (seen.has(key)) continue;
        seen.add(key);
        const list = byFile.get(effective.location.file) ?? [];
        list.push(effective);
        byFile.set(effective.location.file, list);
      }
    }
    for (const list of byFile.values()) list.sort(compareFindings);
    return byFile;
  }

  private resetDiscovery(roots: string[]): void {
    this.discovery = new ProjectDiscovery(this.host, roots, this.moduleSource, { extraEnvFiles: this.settings.extraEnvFiles });
    this.discovery.scan();
    this.markDirty('all');
  }

  /**
   * A created or deleted file changes its project's file lists; at the top of a workspace folder or
   * under its `docs/` (Markdown, env templates, turbo.json) also the documentation lists of every
   * project below. Anywhere else outside every project it may create or remove a project.
   */
  private afterTreeChange(path: string): void {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (structuralFileNames.has(name)) {
      this.markDirty('all');
      return;
    }
    const owner = this.projectRootOf(path);
    const documentationReaders = this.discovery.isWorkspaceDocumentationPath(path)
      ? [...this.projects.keys()].filter(
          (root) =>
            !this.discovery.roots.includes(root) &&
            this.discovery.roots.some((workspaceRoot) => path.startsWith(`${workspaceRoot}/`) && root.startsWith(`${workspaceRoot}/`)),
        )
      : [];
    for (const root of [...documentationReaders, ...this.readersOf(path)]) this.markDirty(root);
    this.markDirty(owner ?? (documentationReaders.length > 0 ? undefined : 'all'));
  }

  /** Projects that read a file outside their own folder as documentation (workspace README, docs/, env templates, turbo.json). */
  private readersOf(path: string): string[] {
    return [...this.projects.values()]
      .filter(
        ({ docs }) =>
          docs.markdownFiles.includes(path) || docs.turboFiles.includes(path) || docs.workspaceEnvTemplates.some((template) => template.file === path),
      )
      .map((project) => project.root);
  }

  private markDirty(root: string | 'all' | undefined): void {
    if (root === undefined || this.dirty === 'all') return;
    if (root === 'all') this.dirty = 'all';
    else this.dirty.add(root);
  }

  /**
   * Rebuilds dirty projects and drops their findings and their peers', so the next `analyze()` re-runs
   * their rules. A project whose only change is the text of source files keeps its model when their
   * module facts are unchanged (the model depends on file lists, env files, package files and the
   * module graph, not on function bodies): its findings and its peers' are dropped alone.
   */
  private refreshModel(): void {
    const edited = new Set<string>();
    for (const file of this.editedSources) {
      const owner = this.projectRootOf(file);
      const text = this.host.readFile(file);
      if (owner === undefined || text === undefined) continue;
      if (this.moduleFacts.unchangedBy(file, text, (former) => this.sources.get(file, former))) edited.add(owner);
      else this.markDirty(owner);
    }
    this.editedSources.clear();
    const dirty = this.dirty;
    this.dirty = new Set();
    if (dirty === 'all') {
      this.projects = new Map();
      this.findingsByProject = new Map();
      this.failuresByProject = new Map();
      for (const root of this.discovery.projectRoots()) this.rebuildProject(root);
    } else {
      const rerun = new Set([...dirty, ...edited]);
      // A project reads its peers' folders (monorepo: the web app reads `packages/backend/convex`).
      for (const project of this.projects.values()) {
        if (this.workspace?.peersOf(project).some((peer) => rerun.has(peer.root))) rerun.add(project.root);
      }
      const shapeBefore = new Map([...dirty].map((root) => [root, shapeOf(this.projects.get(root))]));
      for (const root of rerun) {
        if (dirty.has(root)) this.rebuildProject(root);
        else this.forgetFindings(root);
      }
      // An app that gained or lost its Convex folder (or a package its last Convex file) changes who peers with whom.
      if ([...dirty].some((root) => shapeOf(this.projects.get(root)) !== shapeBefore.get(root))) {
        this.dirty = 'all';
        this.refreshModel();
        return;
      }
    }
    if (dirty === 'all' || dirty.size > 0 || !this.workspace) this.workspace = this.discovery.assemble([...this.projects.values()]);
  }

  private forgetFindings(root: string): void {
    this.findingsByProject.delete(root);
    this.failuresByProject.delete(root);
  }

  /** A project whose model cannot be built (hostile package.json, lock file…) is left out alone. */
  private rebuildProject(root: string): void {
    this.forgetFindings(root);
    try {
      this.projects.set(root, this.discovery.buildProject(root));
    } catch (error) {
      this.projects.delete(root);
      this.failuresByProject.set(root, [{ projectRoot: root, cost: 'project', error }]);
    }
  }

  private projectRootOf(path: string): string | undefined {
    return [...this.projects.keys()].filter((root) => path.startsWith(`${root}/`)).sort((a, b) => b.length - a.length)[0];
  }

  private source(file: string) {
    const text = this.host.readFile(file);
    return text === undefined || !isSourceFile(file) ? undefined : this.sources.get(file, text);
  }

  /** Module facts for the project model's module graph: scanned from text, exact ones parsed once per content. */
  private readonly moduleSource: ModuleSource = {
    text: (file) => this.host.readFile(file),
    scannedSpecifiers: (file) => {
      const text = this.host.readFile(file);
      return text === undefined || !isSourceFile(file) ? [] : this.moduleFacts.scannedSpecifiers(file, text);
    },
    facts: (file) => {
      const text = this.host.readFile(file);
      return text === undefined || !isSourceFile(file) ? undefined : this.moduleFacts.get(file, text, () => this.sources.get(file, text));
    },
    directives: (file) => {
      const text = this.host.readFile(file);
      return text === undefined || !isSourceFile(file) ? undefined : this.moduleFacts.directives(file, text, () => this.sources.get(file, text));
    },
  };

  private runRules(workspace: Workspace, project: Project): Finding[] {
    const failures: AnalysisFailure[] = [];
    this.failuresByProject.set(project.root, failures);
    let ctx: RuleContext;
    try {
      ctx = {
        workspace,
        project,
        source: (file) => this.source(file),
        readFile: (file) => this.host.readFile(file),
        fact: (fact, file) => this.fact(fact, file),
        filesWith: (fact, files) => this.filesWith(fact, files),
        env: resolveAppEnv([...project.envFiles, ...project.envTemplates], this.settings.processEnv),
        settings: this.settings,
        onlineJwtTemplates: this.settings.onlineJwtTemplates,
      };
    } catch (error) {
      failures.push({ projectRoot: project.root, cost: 'project', error });
      return [];
    }
    // One note per env file, however many of its values were cut.
    for (const file of new Set(ctx.env.truncated.map((cut) => cut.file))) {
      const keys = ctx.env.truncated.filter((cut) => cut.file === file).map((cut) => cut.key);
      const error = new Error(l10n.t('values that expand to more than {0} KiB are analyzed up to that length: {1}', maxExpandedLength / 1024, keys.join(', ')));
      failures.push({ projectRoot: project.root, file: file.file, cost: 'file', error });
    }
    const selected = this.settings.onlyRules ? this.rules.filter((rule) => this.settings.onlyRules!.includes(rule.id)) : this.rules;
    const facts: FactLookup = {
      fact: this.factWith.bind(this),
      filesWith: this.facts.filesWith.bind(this.facts),
    };
    return selected.flatMap((rule) => runIsolated(rule, ctx, facts, failures).map((finding) => ({ ...finding, ruleId: rule.id })));
  }

  /** A per-file fact of the current text (unsaved text wins), computed once per content and kept across analyses. */
  fact<T>(fact: FileFact<T>, file: string): T | undefined {
    return this.factWith(fact, normalizePath(file), (path) => this.source(path));
  }

  /** The files of `files` whose fact holds, kept across analyses (`FileFactCache.filesWith`). */
  filesWith<T>(fact: FileFact<T>, files: readonly string[]): readonly string[] {
    return this.facts.filesWith(fact, files, (file) => this.fact(fact, file));
  }

  /** `fact` parsing through `source` (a rule's, which tracks the file it reads). */
  private factWith<T>(fact: FileFact<T>, file: string, source: (file: string) => ts.SourceFile | undefined): T | undefined {
    const cached = this.facts.cached(fact, file);
    return cached !== notCached ? cached : this.facts.compute(fact, file, this.host.readFile(file), () => source(file));
  }

  private applySettings(finding: Finding): Finding | undefined {
    if (this.settings.disabledRules?.includes(finding.ruleId)) return undefined;
    const override = this.settings.severityOverrides?.[finding.ruleId];
    if (override === 'off') return undefined;
    return override ? { ...finding, severity: override } : finding;
  }
}

/**
 * The rules a `// clerk-toolkit-disable-next-line <id>[, <id>]` comment (or `#` in env files) on a
 * line turns off for the next line: [] for every rule, undefined when the line is no such comment.
 */
function disabledRuleIds(line: string | undefined): string[] | undefined {
  const previous = line?.trim();
  if (!previous) return undefined;
  const body = previous.startsWith('//')
    ? previous.slice(2)
    : previous.startsWith('#')
      ? previous.slice(1)
      : previous.startsWith('{/*')
        ? previous.slice(3).replace(/\*\/\}$/, '')
        : previous.startsWith('/*')
          ? previous.slice(2).replace(/\*\/$/, '')
          : undefined;
  const words = body
    ?.trim()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (!words || words[0] !== 'clerk-toolkit-disable-next-line') return undefined;
  return words.slice(1).filter((word) => word !== '--' && /^[a-z][a-z0-9-]*$/.test(word));
}

/**
 * Runs a rule so that its failure costs only its own findings. When it throws while reading a
 * file (the last source it asked for), it runs again without that file, so one hostile file costs
 * only that rule's findings there; a rule that still fails costs its findings on the project.
 */
function runIsolated(rule: Rule, ctx: RuleContext, facts: FactLookup, failures: AnalysisFailure[]): Finding[] {
  const skipped = new Map<string, unknown>();
  for (;;) {
    let reading: string | undefined;
    const source = (file: string) => {
      reading = file;
      return skipped.has(file) ? undefined : ctx.source(file);
    };
    // A skipped file has no facts; others are computed with this run's `source`, so a fact that throws names its file.
    const fact = <T>(fact: FileFact<T>, file: string) => (skipped.has(file) ? undefined : facts.fact(fact, file, source));
    // Kept joins hold facts of every file: a run that skips one joins afresh.
    const filesWith = <T>(joined: FileFact<T>, files: readonly string[]): readonly string[] =>
      skipped.size > 0 ? files.filter((file) => holds(fact(joined, file))) : facts.filesWith(joined, files, (file) => fact(joined, file));
    try {
      const findings = rule.check({ ...ctx, source, fact, filesWith });
      for (const [file, error] of skipped) failures.push({ ruleId: rule.id, projectRoot: ctx.project.root, file, cost: 'file', error });
      return findings;
    } catch (error) {
      if (reading === undefined || skipped.has(reading) || skipped.size >= maxFilesSkippedPerRule) {
        failures.push({ ruleId: rule.id, projectRoot: ctx.project.root, file: reading, cost: 'project', error });
        return [];
      }
      skipped.set(reading, error);
    }
  }
}

interface FactLookup {
  fact<T>(fact: FileFact<T>, file: string, source: (file: string) => ts.SourceFile | undefined): T | undefined;
  filesWith<T>(fact: FileFact<T>, files: readonly string[], valueOf: (file: string) => T | undefined): readonly string[];
}

/** What decides a project's peers: whether it holds a Next.js app and whether it holds Convex folders. */
function shapeOf(project: Project | undefined): string {
  return project ? `${project.nextApp ? 'app' : ''}+${project.convexDirs.length > 0 ? 'convex' : ''}` : 'none';
}

/** Findings with the same key are one (a file read by two projects is reported by both). */
function findingKey(finding: Finding): string {
  const { file, range } = finding.location;
  return JSON.stringify([file, finding.ruleId, finding.message, range.start.line, range.start.character]);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.location.file.localeCompare(b.location.file) ||
    a.location.range.start.line - b.location.range.start.line ||
    a.location.range.start.character - b.location.range.start.character ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

/** Findings of a folder on disk, sorted by file and position; throws when any part failed (tests, benchmarks). */
export function analyzeDirectory(dir: string, settings: EngineSettings = {}, host: FileHost = createNodeHost()): Finding[] {
  const { findings, failures } = checkDirectory(dir, settings, host);
  if (failures.length > 0) throw new Error(describeFailure(failures[0]));
  return findings;
}

/** The result of checking a folder: findings, how many projects were found, and what failed. */
export interface DirectoryCheck {
  findings: Finding[];
  /** Next.js apps or Convex folders found, so the CLI can tell "no problems" from "nothing to check". */
  projectCount: number;
  /** Parts that failed; every other finding is in `findings`. */
  failures: AnalysisFailure[];
}

/** One-shot analysis of a folder (the CLI): a failing rule or file costs only its own findings. */
export function checkDirectory(dir: string, settings: EngineSettings = {}, host: FileHost = createNodeHost()): DirectoryCheck {
  const session = new AnalysisSession({ roots: [dir], host, settings });
  const findings = [...session.analyze().values()].flat().sort(compareFindings);
  return { findings, projectCount: session.getWorkspace().projects.length, failures: session.getRuleFailures() };
}

/**
 * One line per failure: what failed, where, and which findings are missing because of it (never
 * file contents). `display` shortens paths (the CLI prints them relative to the checked folder).
 */
export function describeFailure(failure: AnalysisFailure, display: (path: string) => string = (path) => path): string {
  const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
  const file = failure.file === undefined ? '' : display(failure.file);
  const project = display(failure.projectRoot ?? '') || '.';
  if (failure.ruleId && failure.cost === 'file')
    return l10n.t('rule {0} failed on {1} ({2}); its findings in that file are missing', failure.ruleId, file, reason);
  if (failure.ruleId && file)
    return l10n.t('rule {0} failed in {1} while reading {2} ({3}); its findings in that project are missing', failure.ruleId, project, file, reason);
  if (failure.ruleId) return l10n.t('rule {0} failed in {1} ({2}); its findings in that project are missing', failure.ruleId, project, reason);
  if (file) return l10n.t('{0}: {1}', file, reason);
  return l10n.t('the project in {0} was not analyzed ({1})', project, reason);
}

// Lets the extension hand VS Code's translations to this lazily loaded bundle.
export { configureL10n } from './l10n';
// Adapters build sessions on these without importing core modules into their own bundle.
export { createNodeHost, createMemoryHost } from './project/fileHost';

// Helpers the editor adapter calls through this lazily loaded chunk (src/extension/lazyModules.ts),
// so its activation bundle imports only types from src/core.
export { decodePublishableKey } from './clerkKeys';
export { resolveAppEnv } from './env/appEnv';
export { convexEnvSetCommand } from './env/envEdits';
export { engineSettingsFromValues } from './settings';
