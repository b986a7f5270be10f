import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import type { EnvFile } from '../env/appEnv';
import { findEntry } from '../env/envFile';
import { appendLineEdit, convexEnvSetCommand } from '../env/envEdits';
import { findSecretToken, isRealSecret } from '../env/secrets';
import { isTestOrFixtureFile, keyLocation, secretKeyName, webhookSigningSecretName } from '../env/variables';
import { textTest } from '../parse/fileFacts';
import { rangeOfNode } from '../parse/sourceFile';
import type { RuleContext } from '../model';
import type { Rule } from './rule';
import type { Finding, Fix } from '../model';

const mentionsSecretPrefix = textTest('sk_', 'whsec_');

export const secretExposedRule: Rule = {
  id: 'secret-exposed',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('Secret exposed to the browser or the repository');
  },
  get description() {
    return l10n.t('A Clerk secret in a NEXT_PUBLIC_* variable, or a hard-coded secret literal in source.');
  },
  check(ctx) {
    return [...publicSecrets(ctx), ...hardCodedSecrets(ctx)];
  },
};

function publicSecrets(ctx: RuleContext): Finding[] {
  const files = [...ctx.project.envFiles, ...ctx.project.envTemplates];
  return files.flatMap((file) =>
    file.parsed.entries
      .filter((entry) => entry.key.startsWith('NEXT_PUBLIC_') && isRealSecret(entry.value))
      .map((entry): Finding => {
        const serverName = entry.key.slice('NEXT_PUBLIC_'.length);
        const fix: Fix = findEntry(file.parsed, serverName)
          ? {
              title: l10n.t('Remove {0} from {1}', entry.key, file.name),
              edits: [
                { file: file.file, range: { start: { line: entry.line, character: 0 }, end: { line: entry.range.end.line + 1, character: 0 } }, newText: '' },
              ],
            }
          : {
              title: l10n.t('Rename {0} to the server-only {1}', entry.key, serverName),
              edits: [{ file: file.file, range: entry.keyRange, newText: serverName }],
              preferred: true,
            };
        return {
          ruleId: secretExposedRule.id,
          severity: 'error',
          location: keyLocation(file, entry),
          message: l10n.t(
            '{0} holds a secret, and Next.js inlines every NEXT_PUBLIC_* value into the browser bundle: anyone can read it. Use a server-only name (without NEXT_PUBLIC_) and rotate the secret in the Clerk dashboard.',
            entry.key,
          ),
          fixes: [fix],
        };
      }),
  );
}

function hardCodedSecrets(ctx: RuleContext): Finding[] {
  const app = ctx.project.nextApp;
  // Every secret token starts with one of these: files without them need no parse (a kept join: an
  // edit looks at the edited file alone).
  const files = [app?.sourceFiles ?? [], ...ctx.project.convexDirs.map((dir) => dir.functionFiles)]
    .flatMap((list) => ctx.filesWith(mentionsSecretPrefix, list))
    .filter((file) => !isTestOrFixtureFile(file) && !ctx.workspace.isGitIgnored(file));
  const clientModules = new Set(app?.clientModules ?? []);
  const findings: Finding[] = [];
  for (const file of files) {
    const source = ctx.source(file);
    if (!source) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteralLike(node) && !ts.isImportDeclaration(node.parent)) {
        const token = findSecretToken(node.text);
        if (token) {
          const name = token.startsWith('whsec_') ? webhookSigningSecretName : secretKeyName;
          const canMove = token === node.text && !clientModules.has(file);
          findings.push({
            ruleId: secretExposedRule.id,
            severity: 'error',
            location: { file, range: rangeOfNode(node, source) },
            message: l10n.t(
              'A secret ({0}) is hard-coded here: it ends up in version control and every copy of the code. Read it from {1} in a server-only env file instead, and rotate it in the Clerk dashboard.',
              token.startsWith('whsec_') ? 'whsec_…' : token.slice(0, 8) + '…',
              name,
            ),
            fixes: canMove ? [moveToEnvFix(ctx, file, node, name, token)] : undefined,
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return findings;
}

/**
 * Replaces the literal with `process.env.NAME` and puts the value where that runtime reads it (never
 * in the title): `.env.local` for Next.js code; for Convex functions, which never read `.env.local`,
 * the `npx convex env set` command goes on the clipboard instead.
 */
function moveToEnvFix(ctx: RuleContext, file: string, literal: ts.StringLiteralLike, name: string, secret: string): Fix {
  const isTypeScript = /\.[mc]?tsx?$/.test(file);
  const edits = [{ file, range: rangeOfNode(literal), newText: `process.env.${name}${isTypeScript ? '!' : ''}` }];
  if (ctx.project.convexDirs.some((dir) => file.startsWith(`${dir.dir}/`))) {
    return {
      title: l10n.t('Read {0} from the Convex deployment (copies `npx convex env set {0} …`)', name),
      edits,
      clipboardText: convexEnvSetCommand(name, secret),
      preferred: true,
    };
  }
  const local: EnvFile | undefined = ctx.project.envFiles.find((env) => env.name === '.env.local');
  const createFiles: { file: string; content: string }[] = [];
  if (!local) createFiles.push({ file: `${ctx.project.root}/.env.local`, content: `${name}=${secret}\n` });
  else if (!findEntry(local.parsed, name)?.value) edits.push(appendLineEdit(local.file, ctx.readFile(local.file) ?? '', `${name}=${secret}`));
  return { title: l10n.t('Move the secret to {0} in .env.local', name), edits, createFiles: createFiles.length ? createFiles : undefined, preferred: true };
}
