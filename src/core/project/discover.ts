import * as l10n from '@vscode/l10n';
import { parse as parseJsonc } from 'jsonc-parser';
import { envTemplateFileNames, isEnvTemplateName, localEnvFileNames, maxEnvFileLength, type EnvFile, type EnvFileKind } from '../env/appEnv';
import { parseEnvFile } from '../env/envFile';
import { isSourceFile } from '../parse/sourceFile';
import { isWithin, type FileHost } from './fileHost';
import { GitIgnore, guardedIgnore } from './gitignore';
import { findClientModules, joinPath, readPathAliases, type ModuleSource } from './moduleGraph';
import type { ConvexDir, NextApp, PackageJson, Project, ProjectDocs, Workspace } from './types';
import { resolveVersions } from './versions';

/** Folders never walked: dependencies, build output, VCS data. Hidden folders are skipped too. */
const skippedFolders = new Set(['node_modules', '.next', 'dist', 'out', 'build', '.git', '.turbo', '.vercel', 'coverage']);

/** At most this many Markdown files per project are searched for variable names (README first). */
const maxMarkdownFiles = 40;

/**
 * Source files longer than this (characters) are left out with a note: generated or minified code,
 * or a workspace built to stall the analysis (parsing and walking grow with the size).
 */
export const maxSourceFileLength = 2 * 1024 * 1024;

/** A file the discovery left out on purpose, and why (one line, no file contents). */
export interface DiscoveryNote {
  file: string;
  reason: string;
}

/**
 * A project holding only a Next.js app talks to the projects holding only Convex folders (their
 * auth.config, functions and `CONVEX_URL`), and such a Convex package to the app-only projects that
 * call it; every project may copy `CONVEX_URL` from a standalone Convex package. Workspace order.
 */
function peersAmong(project: Project, projects: Project[]): Project[] {
  const convexOnly = (candidate: Project) => !candidate.nextApp && candidate.convexDirs.length > 0;
  const appOnly = (candidate: Project) => candidate.nextApp !== undefined && candidate.convexDirs.length === 0;
  return projects.filter((candidate) => candidate.root !== project.root && (convexOnly(candidate) || (convexOnly(project) && appOnly(candidate))));
}

export interface DiscoveryOptions {
  /** Extra env files (gitignore-style globs relative to each app root), loaded after the standard ones. */
  extraEnvFiles?: string[];
}

/**
 * Finds the projects under the workspace folders. The file list is walked once and then kept up
 * to date with `addPath`/`removePath`; `buildProject` rebuilds one project's model from it (re-
 * reading its package.json, lock files and env files; module facts of sources come from the caller's cache).
 */
export class ProjectDiscovery {
  readonly gitIgnore: GitIgnore;
  private files = new Set<string>();
  /** Real paths of the folders walked → the path they were walked as: a folder reached twice (links) is walked once. */
  private walkedFolders = new Map<string, string>();
  /** Links found by the walk whose target lies outside every workspace folder (not followed, not read). */
  private linksOutside = new Set<string>();
  /** Linked folders met by the walk, walked after every real folder (`root`, path, relative segments). */
  private pendingLinks: [string, string, string[]][] = [];
  private readonly realRoots: string[];
  /** Files each project left out when it was last built (too large). */
  private notesByProject = new Map<string, DiscoveryNote[]>();
  /** Module resolutions per app and path aliases (`findClientModules`), dropped when a file appears or goes. */
  private resolutions = new Map<string, Map<string, string | undefined>>();

  constructor(
    private readonly host: FileHost,
    readonly roots: string[],
    private readonly moduleSource: ModuleSource,
    private readonly options: DiscoveryOptions = {},
  ) {
    this.gitIgnore = new GitIgnore(host, roots);
    this.realRoots = roots.map((root) => this.realPathOf(root) ?? root);
  }

  /** Walks every root (skips ignored and build folders, and links leading out of the roots or back into walked folders). */
  scan(): void {
    this.files = new Set();
    this.walkedFolders = new Map();
    this.linksOutside = new Set();
    this.notesByProject = new Map();
    for (const root of this.roots) this.walk(root, root, []);
    this.walkLinkedFolders();
  }

  /**
   * What was left out on purpose, one note per file: links out of the workspace, files over the size
   * caps (of the given projects, as last built), `.gitignore` lines not applied.
   */
  notes(projectRoots: Iterable<string>): DiscoveryNote[] {
    const outside = [...this.linksOutside].sort().map((file) => ({ file, reason: l10n.t('not read: it is a link to a path outside the workspace folder') }));
    const capped = [...projectRoots].flatMap((root) => this.notesByProject.get(root) ?? []);
    const unique = new Map([...outside, ...capped, ...this.gitIgnore.notes()].map((note) => [`${note.file}\n${note.reason}`, note]));
    return [...unique.values()];
  }

  /** A created file or folder. */
  addPath(path: string): void {
    this.resolutions.clear();
    const root = this.rootOf(path);
    if (!root || this.isInSkippedFolder(root, path)) return;
    const entries = this.host.readDirectory(path);
    const real = this.realPathOf(path);
    if (real !== undefined && !isWithin(real, this.realRoots)) this.linksOutside.add(path);
    else if (entries.length > 0) {
      this.walk(root, path, path.slice(root.length + 1).split('/'));
      this.walkLinkedFolders();
    } else if (this.host.exists(path)) this.files.add(path);
    if (path.endsWith('/.gitignore')) this.gitIgnore.invalidate(path.slice(0, -'/.gitignore'.length));
  }

  /** A deleted file or folder. */
  removePath(path: string): void {
    this.resolutions.clear();
    const under = (file: string) => file === path || file.startsWith(`${path}/`);
    for (const file of [...this.files]) if (under(file)) this.files.delete(file);
    for (const file of [...this.linksOutside]) if (under(file)) this.linksOutside.delete(file);
    for (const [real, walkedAs] of [...this.walkedFolders]) if (under(walkedAs)) this.walkedFolders.delete(real);
    if (path.endsWith('/.gitignore')) this.gitIgnore.invalidate(path.slice(0, -'/.gitignore'.length));
  }

  /** Where projects below a workspace folder look for shared documentation: its top level and its `docs/` folder. */
  isWorkspaceDocumentationPath(path: string): boolean {
    const root = this.rootOf(path);
    return root !== undefined && (path.slice(0, path.lastIndexOf('/')) === root || path.startsWith(`${root}/docs/`) || path === `${root}/docs`);
  }

  hasFile(file: string): boolean {
    return this.files.has(file);
  }

  /** Folders holding a package.json, deepest first. */
  packageRoots(): string[] {
    return [...this.files]
      .filter((file) => file.endsWith('/package.json'))
      .map((file) => file.slice(0, -'/package.json'.length))
      .sort((a, b) => b.length - a.length);
  }

  /** The deepest package folder containing a path (its owner), or undefined outside any package. */
  packageRootOf(path: string, packageRoots = this.packageRoots()): string | undefined {
    return packageRoots.find((root) => path === root || path.startsWith(`${root}/`));
  }

  /** Roots of the projects: Next.js apps and packages that hold a Convex folder. */
  projectRoots(): string[] {
    return this.packageRoots()
      .filter((root) => this.isNextApp(root) || this.convexDirOf(root) !== undefined)
      .sort();
  }

  buildWorkspace(): Workspace {
    const projects = this.projectRoots().map((root) => this.buildProject(root));
    return this.assemble(projects);
  }

  /** Puts projects together into a workspace (the engine replaces rebuilt projects and re-assembles). */
  assemble(projects: Project[]): Workspace {
    return {
      roots: this.roots,
      projects,
      nextApps: projects.flatMap((project) => (project.nextApp ? [project.nextApp] : [])),
      convexDirs: projects.flatMap((project) => project.convexDirs),
      isGitIgnored: (file) => this.gitIgnore.isIgnored(file, this.files.has(file) ? false : undefined),
      peersOf: (project) => peersAmong(project, projects),
    };
  }

  buildProject(root: string): Project {
    const packageRoots = this.packageRoots();
    const notes: DiscoveryNote[] = [];
    this.notesByProject.set(root, notes);
    const owned = [...this.files].filter((file) => this.packageRootOf(file, packageRoots) === root && !this.isOversizedSource(file, notes)).sort();
    const packageChain = this.packageChain(root);
    const workspaceRoot = this.rootOf(root) ?? root;
    const versions = resolveVersions(this.host, root, packageChain, workspaceRoot);
    const convexPath = this.convexDirOf(root);
    const convexDirs: ConvexDir[] = [];
    if (convexPath) {
      const inConvex = owned.filter((file) => file.startsWith(`${convexPath}/`));
      const direct = (name: string) => inConvex.filter((file) => file.slice(convexPath.length + 1).replace(/\.[^.]+$/, '') === name && isSourceFile(file));
      convexDirs.push({
        dir: convexPath,
        projectRoot: root,
        authConfigFiles: direct('auth.config'),
        httpFile: direct('http')[0],
        functionFiles: inConvex.filter((file) => isSourceFile(file) && !file.startsWith(`${convexPath}/_generated/`)),
        versions,
      });
    }
    const allEnvFiles = this.envFilesOf(root, owned, notes);
    const envFiles = allEnvFiles.filter((file) => file.kind === 'local');
    const envTemplates = allEnvFiles.filter((file) => file.kind === 'template');
    const nextApp = this.isNextApp(root)
      ? this.buildNextApp(
          root,
          packageChain[0],
          owned.filter((file) => !convexPath || !file.startsWith(`${convexPath}/`)),
          versions,
          envFiles,
          envTemplates,
        )
      : undefined;
    return { root, nextApp, convexDirs, envFiles, envTemplates, docs: this.docsOf(root, workspaceRoot, owned, notes) };
  }

  private isOversizedSource(file: string, notes: DiscoveryNote[]): boolean {
    if (!isSourceFile(file) || (this.host.readFile(file)?.length ?? 0) <= maxSourceFileLength) return false;
    notes.push({ file, reason: l10n.t('not analyzed: larger than {0} MiB (generated or minified code?)', maxSourceFileLength / 1024 / 1024) });
    return true;
  }

  /** Markdown of the package and the workspace root, the workspace root's env templates, turbo.json files. */
  private docsOf(root: string, workspaceRoot: string, owned: string[], notes: DiscoveryNote[]): ProjectDocs {
    const isMarkdown = (file: string) => /\.mdx?$/i.test(file);
    const atWorkspaceRoot =
      workspaceRoot === root
        ? []
        : [...this.files].filter((file) => file.slice(0, file.lastIndexOf('/')) === workspaceRoot || file.startsWith(`${workspaceRoot}/docs/`)).sort();
    const readmeFirst = (a: string, b: string) => Number(!/\/readme[^/]*$/i.test(a)) - Number(!/\/readme[^/]*$/i.test(b));
    const markdownFiles = [...owned.filter(isMarkdown).sort(readmeFirst), ...atWorkspaceRoot.filter(isMarkdown).sort(readmeFirst)].slice(0, maxMarkdownFiles);
    const workspaceEnvTemplates = workspaceRoot === root ? [] : this.templatesAt(workspaceRoot, atWorkspaceRoot, notes);
    const turboFiles = [...new Set([`${root}/turbo.json`, `${workspaceRoot}/turbo.json`])].filter((file) => this.files.has(file));
    return { markdownFiles, workspaceEnvTemplates, turboFiles };
  }

  /** Env templates directly in a folder: the common names first, then any other template name. */
  private templatesAt(dir: string, files: string[], notes: DiscoveryNote[]): EnvFile[] {
    const names = files
      .filter((file) => file.slice(0, file.lastIndexOf('/')) === dir)
      .map((file) => file.slice(dir.length + 1))
      .filter(isEnvTemplateName);
    const known: readonly string[] = envTemplateFileNames;
    const rank = (name: string) => (known.includes(name) ? known.indexOf(name) : known.length);
    return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).flatMap((name) => this.loadEnvFile(`${dir}/${name}`, 'template', notes));
  }

  private loadEnvFile(file: string, kind: EnvFileKind, notes: DiscoveryNote[]): EnvFile[] {
    const text = this.host.readFile(file);
    if (text !== undefined && text.length > maxEnvFileLength) {
      notes.push({ file, reason: l10n.t('not loaded: larger than {0} MiB, so its variables count as unset', maxEnvFileLength / 1024 / 1024) });
      return [];
    }
    return text === undefined ? [] : [{ file, name: file.slice(file.lastIndexOf('/') + 1), kind, parsed: parseEnvFile(text) }];
  }

  private buildNextApp(
    root: string,
    packageJson: PackageJson,
    owned: string[],
    versions: NextApp['versions'],
    envFiles: EnvFile[],
    envTemplates: EnvFile[],
  ): NextApp {
    const has = (relative: string) => owned.some((file) => file.startsWith(`${root}/${relative}/`));
    const appDir = has('src/app') ? `${root}/src/app` : has('app') ? `${root}/app` : undefined;
    const pagesDir = has('src/pages') ? `${root}/src/pages` : has('pages') ? `${root}/pages` : undefined;
    const sourceFiles = owned.filter(isSourceFile);
    const atRoot = (file: string) => file.slice(0, file.lastIndexOf('/')) === root;
    const baseName = (file: string) => file.slice(file.lastIndexOf('/') + 1);
    const stem = (file: string) => baseName(file).replace(/\.[^.]+$/, '');
    const middlewareFiles = sourceFiles.filter((file) => {
      if (stem(file) !== 'middleware' && stem(file) !== 'proxy') return false;
      const dir = file.slice(0, file.lastIndexOf('/'));
      return dir === root || dir === `${root}/src` || (appDir !== undefined && file.startsWith(`${appDir}/`));
    });
    const routeHandlers = sourceFiles.filter(
      (file) =>
        (appDir !== undefined && file.startsWith(`${appDir}/`) && stem(file) === 'route') || (pagesDir !== undefined && file.startsWith(`${pagesDir}/api/`)),
    );
    return {
      root,
      packageJson,
      appDir,
      pagesDir,
      usesSrcDir: appDir?.startsWith(`${root}/src/`) === true || pagesDir?.startsWith(`${root}/src/`) === true,
      nextConfigFile: owned.find((file) => atRoot(file) && /^next\.config\.(js|mjs|cjs|ts|mts)$/.test(baseName(file))),
      envFiles,
      envTemplates,
      readmeFiles: owned.filter((file) => atRoot(file) && /^readme(\.(md|mdx|txt|markdown))?$/i.test(baseName(file))),
      middlewareFiles,
      routeHandlers,
      sourceFiles,
      clientModules: this.clientModulesOf(root, sourceFiles),
      versions,
    };
  }

  private clientModulesOf(root: string, sourceFiles: string[]): string[] {
    const aliases = readPathAliases(this.host, root);
    const key = `${root}\n${JSON.stringify(aliases)}`;
    if (!this.resolutions.has(key)) this.resolutions.set(key, new Map());
    return findClientModules(sourceFiles, this.moduleSource, aliases, this.resolutions.get(key));
  }

  /** Standard env files in load order, then extra ones from settings, then templates. */
  private envFilesOf(root: string, owned: string[], notes: DiscoveryNote[]): EnvFile[] {
    const standard = [...localEnvFileNames].flatMap((name) => (this.files.has(`${root}/${name}`) ? this.loadEnvFile(`${root}/${name}`, 'local', notes) : []));
    const templates = this.templatesAt(root, owned, notes);
    const extraGlobs = this.options.extraEnvFiles ?? [];
    const known = new Set([...localEnvFileNames.map((name) => `${root}/${name}`), ...templates.map((template) => template.file)]);
    // The globs come from settings, which a workspace can set: guarded like `.gitignore` lines.
    const extraMatcher = guardedIgnore(extraGlobs);
    const extra =
      extraGlobs.length === 0
        ? []
        : owned
            .filter((file) => !known.has(file) && extraMatcher.ignores(file.slice(root.length + 1)))
            .flatMap((file) => this.loadEnvFile(file, 'local', notes));
    return [...standard, ...extra, ...templates];
  }

  private isNextApp(root: string): boolean {
    const pkg = this.readPackageJson(root);
    if (pkg.data.dependencies?.next !== undefined || pkg.data.devDependencies?.next !== undefined) return true;
    return ['js', 'mjs', 'cjs', 'ts', 'mts'].some((ext) => this.files.has(`${root}/next.config.${ext}`));
  }

  /** The Convex functions folder of a package: `convex.json` `functions`, else `convex/` when it holds files. */
  private convexDirOf(root: string): string | undefined {
    const config = this.files.has(`${root}/convex.json`) ? this.host.readFile(`${root}/convex.json`) : undefined;
    const functions = config === undefined ? undefined : (parseJsonc(config) as { functions?: unknown } | undefined)?.functions;
    const dir = typeof functions === 'string' ? joinPath(root, functions) : `${root}/convex`;
    for (const file of this.files) if (file.startsWith(`${dir}/`)) return dir;
    return undefined;
  }

  /** The package.json of a folder and those above it up to the workspace root (nearest first). */
  private packageChain(root: string): PackageJson[] {
    const workspaceRoot = this.rootOf(root) ?? root;
    const chain: PackageJson[] = [];
    let dir = root;
    for (;;) {
      if (this.files.has(`${dir}/package.json`)) chain.push(this.readPackageJson(dir));
      if (dir === workspaceRoot || !dir.includes('/', 1)) break;
      dir = dir.slice(0, dir.lastIndexOf('/'));
    }
    return chain;
  }

  private readPackageJson(dir: string): PackageJson {
    const file = `${dir}/package.json`;
    const data = parseJsonc(this.host.readFile(file) ?? '{}') as PackageJson['data'] | undefined;
    return { file, data: data && typeof data === 'object' ? data : {} };
  }

  private rootOf(path: string): string | undefined {
    return this.roots.find((root) => path === root || path.startsWith(`${root}/`));
  }

  private isInSkippedFolder(root: string, path: string): boolean {
    const segments = path
      .slice(root.length + 1)
      .split('/')
      .slice(0, -1);
    return (
      segments.some((segment) => skippedFolders.has(segment) || segment.startsWith('.')) || this.gitIgnore.isIgnored(path.slice(0, path.lastIndexOf('/')), true)
    );
  }

  private realPathOf(path: string): string | undefined {
    return this.host.realPath ? this.host.realPath(path) : path;
  }

  /** Whether a link's target exists inside a root; a target outside is remembered for its note. */
  private isLinkInside(path: string): boolean {
    const target = this.realPathOf(path);
    if (target !== undefined && !isWithin(target, this.realRoots)) this.linksOutside.add(path);
    return target !== undefined && isWithin(target, this.realRoots);
  }

  /**
   * Walks a folder by its real path: a folder already walked (`app/a -> .`) is not walked again, and
   * a link whose target is outside every root (`app/lib -> /elsewhere`, a linked `.env.local`) is
   * noted and neither followed nor read. Linked folders inside wait for `walkLinkedFolders`.
   */
  private walk(root: string, dir: string, segments: string[]): void {
    const real = this.realPathOf(dir);
    if (real === undefined || this.walkedFolders.has(real)) return;
    this.walkedFolders.set(real, dir);
    for (const entry of this.host.readDirectory(dir)) {
      const path = `${dir}/${entry.name}`;
      const relative = [...segments, entry.name];
      // Git-ignored folders are skipped; ignored files (like `.env.local`) are still read.
      const skipped =
        entry.isDirectory && (skippedFolders.has(entry.name) || entry.name.startsWith('.') || this.gitIgnore.isEntryIgnored(root, relative, true));
      if (skipped || (entry.isSymbolicLink && !this.isLinkInside(path))) continue;
      if (entry.isDirectory && entry.isSymbolicLink) this.pendingLinks.push([root, path, relative]);
      else if (entry.isDirectory) this.walk(root, path, relative);
      else this.files.add(path);
    }
  }

  /**
   * Linked folders come last, so that a folder reached both by its own path and through a link
   * (`apps/web/backend -> ../../packages/backend`) keeps its own path, whatever the listing order.
   */
  private walkLinkedFolders(): void {
    for (let link = this.pendingLinks.shift(); link; link = this.pendingLinks.shift()) this.walk(...link);
  }
}
