import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import { baseName, dirOf, fileAnchor, middlewareFilesOf, nextMajor, type MiddlewareFileInfo } from '../analysis/middlewareFiles';
import { exportsOf } from '../analysis/middlewareHandler';
import { hasModifier } from '../analysis/webhookHandlers';
import { rangeOfNode } from '../parse/sourceFile';
import type { RuleContext } from '../model';
import type { Rule } from './rule';
import type { Finding, Fix, TextEdit } from '../model';

/**
 * Next.js 16 renamed `middleware.*` to `proxy.*`: both at once stop the build, `proxy.*` is ignored
 * by Next ≤ 15, proxy files may not set `runtime`, and the function must be exported the way Next
 * looks it up (default, or named after the file).
 */
export const middlewareFileConventionRule: Rule = {
  id: 'middleware-file-convention',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('Middleware/proxy file convention');
  },
  get description() {
    return l10n.t(
      'middleware.* and proxy.* together, proxy.* on Next.js ≤ 15, middleware.* on Next.js ≥ 16 (deprecated), export const runtime in proxy.*, or no default/proxy/middleware export.',
    );
  },
  check(ctx) {
    const app = ctx.project.nextApp;
    if (!app) return [];
    const major = nextMajor(app);
    const placed = middlewareFilesOf(app).filter((info) => info.wellPlaced);
    const middleware = placed.find((info) => info.convention === 'middleware');
    const proxy = placed.find((info) => info.convention === 'proxy');
    const findings: Finding[] = [];
    const push = (info: MiddlewareFileInfo, severity: Finding['severity'], message: string, extra: Partial<Finding> = {}): void => {
      findings.push({ ruleId: middlewareFileConventionRule.id, severity, location: { file: info.file, range: fileAnchor(ctx, info.file) }, message, ...extra });
    };
    if (middleware && proxy && (major === undefined || major >= 16)) {
      push(
        middleware,
        'error',
        l10n.t(
          'Both {0} and {1} exist: Next.js 16 stops the build ("Both middleware file and proxy file are detected"). Move what {0} does into {1} and delete {0}.',
          baseName(middleware.file),
          baseName(proxy.file),
        ),
        { related: [{ location: { file: proxy.file, range: fileAnchor(ctx, proxy.file) }, message: l10n.t('The proxy file') }] },
      );
    }
    if (proxy && major !== undefined && major < 16) {
      push(
        proxy,
        'error',
        l10n.t(
          'Next.js {0} ignores {1} (the proxy convention starts with Next.js 16), so clerkMiddleware() never runs. Rename it to middleware.{2}.',
          String(major),
          baseName(proxy.file),
          extensionOf(proxy.file),
        ),
        { fixes: middleware ? [] : [renameFix(ctx, proxy, 'middleware')] },
      );
    }
    if (middleware && !proxy && major !== undefined && major >= 16) {
      push(
        middleware,
        'info',
        l10n.t(
          'Next.js 16 deprecated the middleware file convention in favour of proxy ("The \\"middleware\\" file convention is deprecated"). Rename {0} to proxy.{1}; the code stays the same.',
          baseName(middleware.file),
          extensionOf(middleware.file),
        ),
        { deprecated: true, fixes: [renameFix(ctx, middleware, 'proxy')] },
      );
    }
    for (const info of placed) {
      const sourceFile = ctx.source(info.file);
      if (!sourceFile) continue;
      if (info.convention === 'proxy' && (major === undefined || major >= 16)) findings.push(...runtimeExport(info, sourceFile));
      const exports = exportsOf(sourceFile);
      if (!exports.defaultExport && !exports.hasStarExport && !exports.named.has('proxy') && !exports.named.has('middleware')) {
        push(
          info,
          'error',
          l10n.t(
            '{0} has no default export and no export named {1}, so Next.js finds no function to run and clerkMiddleware() never runs. Use export default clerkMiddleware().',
            baseName(info.file),
            info.convention,
          ),
        );
      }
    }
    return findings;
  },
};

/** `export const runtime = …` in a proxy file: Next 16 refuses it (proxy always runs on Node.js). */
function runtimeExport(info: MiddlewareFileInfo, sourceFile: ts.SourceFile): Finding[] {
  const findings: Finding[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || !hasModifier(statement, ts.SyntaxKind.ExportKeyword)) continue;
    const declaration = statement.declarationList.declarations.find((entry) => ts.isIdentifier(entry.name) && entry.name.text === 'runtime');
    if (!declaration) continue;
    const single = statement.declarationList.declarations.length === 1;
    const start = sourceFile.getLineAndCharacterOfPosition(statement.getStart(sourceFile));
    const end = sourceFile.getLineAndCharacterOfPosition(statement.getEnd());
    findings.push({
      ruleId: middlewareFileConventionRule.id,
      severity: 'error',
      location: { file: info.file, range: rangeOfNode(statement) },
      message: l10n.t(
        'Proxy files cannot set runtime: Next.js 16 fails with "Route segment config is not allowed in Proxy file" (proxy always runs on Node.js). Remove this export.',
      ),
      fixes: single
        ? [
            {
              title: l10n.t('Remove export const runtime'),
              edits: [{ file: info.file, range: { start: { line: start.line, character: 0 }, end: { line: end.line + 1, character: 0 } }, newText: '' }],
              preferred: true,
              safe: true,
            },
          ]
        : [],
    });
  }
  return findings;
}

/** Renames the file, and a function exported under the old convention's name with it. */
function renameFix(ctx: RuleContext, info: MiddlewareFileInfo, to: 'proxy' | 'middleware'): Fix {
  const target = `${dirOf(info.file)}/${to}.${extensionOf(info.file)}`;
  const sourceFile = ctx.source(info.file);
  const exports = sourceFile && exportsOf(sourceFile);
  const named = exports && !exports.defaultExport ? exports.named.get(info.convention) : undefined;
  const edits: TextEdit[] = named && ts.isIdentifier(named) ? [{ file: info.file, range: rangeOfNode(named), newText: to }] : [];
  return { title: l10n.t('Rename {0} to {1}', baseName(info.file), baseName(target)), edits, renameFiles: [{ from: info.file, to: target }], preferred: true };
}

function extensionOf(file: string): string {
  return file.slice(file.lastIndexOf('.') + 1);
}
