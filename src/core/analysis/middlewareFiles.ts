/**
 * Where a Next.js app keeps its middleware/proxy file, which one Next.js actually runs, and the
 * Next.js major version that decides between the two conventions.
 */
import * as semver from 'semver';
import type { NextApp } from '../project/types';
import type { RuleContext } from '../model';
import type { Range } from '../model';
import { exportsOf, readClerkMiddlewareFile, type ClerkMiddlewareFile } from './middlewareHandler';
import { recommendedMatcherText } from './middlewareMatcher';

export type MiddlewareConvention = 'middleware' | 'proxy';

export interface MiddlewareFileInfo {
  file: string;
  convention: MiddlewareConvention;
  /** At the level Next.js reads: the project root, or `src/` when the app lives in `src/`. */
  wellPlaced: boolean;
}

/** The folder Next.js reads the middleware/proxy file from. */
export function middlewareDir(app: NextApp): string {
  return app.usesSrcDir ? `${app.root}/src` : app.root;
}

/** The major version of `next`, or undefined when unknown (version-dependent checks stay silent). */
export function nextMajor(app: NextApp): number | undefined {
  const version = app.versions.next;
  const parsed = version ? semver.coerce(version) : null;
  return parsed ? parsed.major : undefined;
}

/** Middleware/proxy files at the root, under `src/`, or directly inside the app folder (misplaced). */
export function middlewareFilesOf(app: NextApp): MiddlewareFileInfo[] {
  const expected = middlewareDir(app);
  return app.middlewareFiles
    .filter((file) => {
      const dir = dirOf(file);
      return dir === app.root || dir === `${app.root}/src` || dir === app.appDir;
    })
    .map((file) => ({
      file,
      convention: baseName(file).startsWith('proxy.') ? 'proxy' : 'middleware',
      wellPlaced: dirOf(file) === expected,
    }));
}

/**
 * The file Next.js runs: well placed, `proxy.*` on Next ≥ 16 and `middleware.*` before (Next 15
 * ignores `proxy.*`); with an unknown version, `middleware.*` (read by every version).
 */
export function activeMiddlewareFile(app: NextApp): MiddlewareFileInfo | undefined {
  const candidates = middlewareFilesOf(app).filter((info) => info.wellPlaced);
  const major = nextMajor(app);
  const preferred: MiddlewareConvention = major !== undefined && major >= 16 ? 'proxy' : 'middleware';
  const chosen = candidates.find((info) => info.convention === preferred);
  if (chosen) return chosen;
  // Next 15 never runs proxy.*; an unknown version may.
  return candidates.find((info) => major === undefined || major >= 16 || info.convention === 'middleware');
}

/** The active middleware file, parsed and read for Clerk, when there is one. */
export function activeClerkMiddleware(ctx: RuleContext): { info: MiddlewareFileInfo; middleware: ClerkMiddlewareFile } | undefined {
  const app = ctx.project.nextApp;
  const info = app && activeMiddlewareFile(app);
  const sourceFile = info && ctx.source(info.file);
  return info && sourceFile ? { info, middleware: readClerkMiddlewareFile(sourceFile) } : undefined;
}

/** The file name Next.js expects for a new middleware file, keeping the app's extension style. */
export function conventionFor(app: NextApp): MiddlewareConvention {
  const major = nextMajor(app);
  return major !== undefined && major >= 16 ? 'proxy' : 'middleware';
}

export function dirOf(file: string): string {
  return file.slice(0, file.lastIndexOf('/'));
}

export function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** A new middleware/proxy file as Clerk's quickstart writes it: `clerkMiddleware()` and the recommended matcher. */
export function clerkMiddlewareFileText(): string {
  return `import { clerkMiddleware } from '@clerk/nextjs/server';

export default clerkMiddleware();

export const config = {
  matcher: ${recommendedMatcherText('  ')},
};
`;
}

/** A new middleware file for @clerk/nextjs 4 (no clerkMiddleware yet), with that version's documented matcher. */
export function legacyMiddlewareFileText(): string {
  return `import { authMiddleware } from '@clerk/nextjs';

export default authMiddleware();

export const config = {
  matcher: ['/((?!.+\\\\.[\\\\w]+$|_next).*)', '/', '/(api|trpc)(.*)'],
};
`;
}

/** Where to squiggle a whole middleware file: the first line of its default export, else of its first statement. */
export function fileAnchor(ctx: RuleContext, file: string): Range {
  const sourceFile = ctx.source(file);
  const node = sourceFile && (exportsOf(sourceFile).defaultExport ?? sourceFile.statements[0]);
  if (!sourceFile || !node) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  const lineEnd = sourceFile.getLineEndOfPosition(node.getStart(sourceFile));
  const end = sourceFile.getLineAndCharacterOfPosition(Math.min(lineEnd, node.getEnd()));
  return { start, end };
}
