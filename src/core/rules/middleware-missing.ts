import * as l10n from '@vscode/l10n';
import * as semver from 'semver';
import * as ts from 'typescript';
import {
  baseName,
  clerkMiddlewareFileText,
  legacyMiddlewareFileText,
  fileAnchor,
  conventionFor,
  middlewareDir,
  middlewareFilesOf,
} from '../analysis/middlewareFiles';
import { authUsagesIn } from '../analysis/middlewareAuthUsage';
import { legacyMiddlewareCall, readClerkMiddlewareFile } from '../analysis/middlewareHandler';
import type { NextApp } from '../project/types';
import type { RuleContext } from '../model';
import type { Rule } from './rule';
import type { Location } from '../model';

/**
 * `auth()` and `currentUser()` read what `clerkMiddleware()` attached to the request; without the
 * middleware (or with one Next.js never loads) they throw at runtime.
 */
export const middlewareMissingRule: Rule = {
  id: 'middleware-missing',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('clerkMiddleware() missing or misplaced');
  },
  get description() {
    return l10n.t('auth(), auth.protect() or currentUser() is used, but no middleware/proxy file running clerkMiddleware() sits where Next.js loads it.');
  },
  check(ctx) {
    const app = ctx.project.nextApp;
    if (!app) return [];
    const files = middlewareFilesOf(app);
    const version = app.versions['@clerk/nextjs'];
    const placed = files.filter((info) => info.wellPlaced);
    // Checked before the calls: with the middleware in place, the app's pages need not be parsed.
    if (placed.some((info) => runsClerkMiddleware(ctx, info.file, version) !== false)) return [];
    const usages = authUsages(ctx, app);
    if (usages.length === 0) return [];
    const expectedDir = middlewareDir(app);
    const related = [{ location: usages[0], message: l10n.t('auth() is called here') }];
    // @clerk/nextjs 4 has no clerkMiddleware(): there authMiddleware() is the middleware to name.
    const v4 = version !== undefined && semver.lt(version, '5.0.0');
    const middleware = v4 ? 'authMiddleware()' : 'clerkMiddleware()';
    if (placed.length > 0) {
      return placed.map((info) => ({
        ruleId: middlewareMissingRule.id,
        severity: 'error' as const,
        location: { file: info.file, range: fileAnchor(ctx, info.file) },
        message: l10n.t(
          '{0} does not run {1}, so auth() fails with "Clerk can\'t detect usage of {1}". Export default {1} (it can wrap your own logic).',
          baseName(info.file),
          middleware,
        ),
        related,
      }));
    }
    const misplaced = files.filter((info) => !info.wellPlaced);
    if (misplaced.length > 0) {
      return misplaced.map((info) => {
        const target = `${expectedDir}/${baseName(info.file)}`;
        return {
          ruleId: middlewareMissingRule.id,
          severity: 'error' as const,
          location: { file: info.file, range: fileAnchor(ctx, info.file) },
          message: l10n.t(
            'Next.js never loads {0} from this folder, so auth() fails with "Clerk can\'t detect usage of {1}". Move it to {2}.',
            baseName(info.file),
            middleware,
            relativeTo(app, target),
          ),
          related,
          fixes:
            ctx.readFile(target) === undefined
              ? [
                  {
                    title: l10n.t('Move {0} to {1}', relativeTo(app, info.file), relativeTo(app, target)),
                    edits: [],
                    renameFiles: [{ from: info.file, to: target }],
                    preferred: true,
                  },
                ]
              : [],
        };
      });
    }
    const newFile = `${expectedDir}/${conventionFor(app)}.${usesTypeScript(ctx, app) ? 'ts' : 'js'}`;
    return usages.map((location) => ({
      ruleId: middlewareMissingRule.id,
      severity: 'error' as const,
      location,
      message: l10n.t(
        'auth() and currentUser() need {0}, but the app has no middleware or proxy file: this call fails with "Clerk can\'t detect usage of {0}". Create {1} with export default {0}.',
        middleware,
        relativeTo(app, newFile),
      ),
      fixes: [
        {
          title: l10n.t('Create {0} with {1}', relativeTo(app, newFile), middleware),
          edits: [],
          createFiles: [{ file: newFile, content: v4 ? legacyMiddlewareFileText() : clerkMiddlewareFileText() }],
          preferred: true,
          safe: true,
        },
      ],
    }));
  },
};

/** The first `auth()`/`currentUser()` call of each module outside the middleware files. */
function authUsages(ctx: RuleContext, app: NextApp): Location[] {
  const middlewareFiles = new Set(app.middlewareFiles);
  return authUsagesIn(
    ctx,
    app.sourceFiles.filter((file) => !middlewareFiles.has(file)),
  );
}

/**
 * False when the file certainly lacks Clerk's middleware; undefined when it re-exports from elsewhere.
 * `authMiddleware()` counts below 6 and `withClerkMiddleware()` below 5 (or when the version is unknown).
 */
function runsClerkMiddleware(ctx: RuleContext, file: string, version: string | undefined): boolean | undefined {
  const sourceFile = ctx.source(file);
  if (!sourceFile) return undefined;
  if (readClerkMiddlewareFile(sourceFile).call) return true;
  const legacy = legacyMiddlewareCall(sourceFile);
  if (legacy && (version === undefined || semver.lt(version, legacy.name === 'authMiddleware' ? '6.0.0' : '5.0.0'))) return true;
  const reexports = sourceFile.statements.some((statement) => ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined);
  return reexports ? undefined : false;
}

function usesTypeScript(ctx: RuleContext, app: NextApp): boolean {
  return ctx.readFile(`${app.root}/tsconfig.json`) !== undefined || app.sourceFiles.some((file) => /\.tsx?$/.test(file));
}

function relativeTo(app: NextApp, file: string): string {
  return file.startsWith(`${app.root}/`) ? file.slice(app.root.length + 1) : file;
}
