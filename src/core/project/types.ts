import type { EnvFile } from '../env/appEnv';

/** The package names whose installed version rules may depend on. */
export const trackedPackages = ['next', '@clerk/nextjs', '@clerk/backend', 'convex'] as const;
export type TrackedPackage = (typeof trackedPackages)[number];

/**
 * Exact versions (e.g. `16.4.6`): the installed one (lock file or `node_modules`) first, else the
 * lowest version the `package.json` range allows. Undefined when unknown (`latest`,
 * `workspace:*`, `catalog:`, not a dependency): version-dependent rules then stay silent.
 */
export type InstalledVersions = Partial<Record<TrackedPackage, string>>;

export interface PackageJson {
  /** Absolute path of the package.json. */
  file: string;
  /** The parsed JSON (empty object when it does not parse). */
  data: {
    name?: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    [key: string]: unknown;
  };
}

/** A Next.js app: a folder with a package.json that depends on `next` (or has a next.config.*). */
export interface NextApp {
  /** Absolute folder of the app's package.json. */
  root: string;
  packageJson: PackageJson;
  /** `app/` or `src/app/` when present. */
  appDir?: string;
  /** `pages/` or `src/pages/` when present. */
  pagesDir?: string;
  /** True when the app keeps its code under `src/` (`src/app` or `src/pages`). */
  usesSrcDir: boolean;
  /** `next.config.{js,mjs,cjs,ts,mts}` when present (read by parsing, never executed). */
  nextConfigFile?: string;
  /** Local env files present, in Next.js load order for development (highest precedence first), then extra env files from settings. */
  envFiles: EnvFile[];
  /** Env template files present (`.env.example`, …): they document, they never load. */
  envTemplates: EnvFile[];
  /** README files at the app root (a variable mentioned there counts as documented). */
  readmeFiles: string[];
  /** Every `middleware.*` / `proxy.*` found at the root, under `src/`, or (misplaced) under the app dir. */
  middlewareFiles: string[];
  /** App Router `route.*` files and Pages Router `pages/api/**` files. */
  routeHandlers: string[];
  /** All source files of the app (Convex folders excluded). */
  sourceFiles: string[];
  /** Modules that run in the browser: `'use client'` ones and modules imported only by client modules. */
  clientModules: string[];
  versions: InstalledVersions;
}

/** A Convex functions folder (`convex/`, or the `functions` path of `convex.json`). */
export interface ConvexDir {
  /** Absolute folder of the Convex functions. */
  dir: string;
  /** The folder holding the project's package.json (where `npx convex` runs). */
  projectRoot: string;
  /** `auth.config.{ts,js,mjs,cjs}` files (both present is itself an error). */
  authConfigFiles: string[];
  /** `http.{ts,js}` when present. */
  httpFile?: string;
  /** Every source file under the folder except `_generated/`. */
  functionFiles: string[];
  versions: InstalledVersions;
}

/**
 * One unit of analysis: a Next.js app and the Convex folders inside its package, or a standalone
 * Convex folder. Rules run once per project; the engine caches findings per project and re-runs
 * only the projects a changed file belongs to.
 */
export interface Project {
  /** Absolute root folder (the package folder). */
  root: string;
  nextApp?: NextApp;
  convexDirs: ConvexDir[];
  /** Local env files at the root in load order (the same array as `nextApp.envFiles`). */
  envFiles: EnvFile[];
  /** Env template files at the root (the same array as `nextApp.envTemplates`). */
  envTemplates: EnvFile[];
  /** Other places that document variables (a mention counts; they never define a value). */
  docs: ProjectDocs;
}

/** Documentation besides the project's own env templates (issue 10: wherever projects actually put it). */
export interface ProjectDocs {
  /** Markdown files of the package (any `*.md`/`*.mdx`) and of the workspace root (top level and `docs/**`), README first, capped. */
  markdownFiles: string[];
  /** Env templates at the workspace root when the project is a package below it (a monorepo's shared `.env.example`). */
  workspaceEnvTemplates: EnvFile[];
  /** `turbo.json` of the package and of the workspace root (`env`, `globalEnv`, `passThroughEnv`, `globalPassThroughEnv`). */
  turboFiles: string[];
}

/** Everything discovered under the workspace folders. */
export interface Workspace {
  roots: string[];
  projects: Project[];
  nextApps: NextApp[];
  convexDirs: ConvexDir[];
  /** True when a file or folder is ignored by a `.gitignore` (read along the way from its root). */
  isGitIgnored(file: string): boolean;
  /**
   * The other projects whose folders a project's rules read (monorepo: `apps/web` and the Convex
   * package `packages/backend` it talks to). The engine re-checks a project when one of its peers
   * changes, so a finding in one project caused by a file of another does not go stale.
   */
  peersOf(project: Project): Project[];
}
