import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import type { EnvFile } from './appEnv';
import { findEntry } from './envFile';
import type { Project } from '../project/types';
import type { RuleContext } from '../model';
import type { Fix, TextEdit } from '../model';
import { getEnvReads } from '../parse/facts';
import { rangeOfNode, rangeOfSpan } from '../parse/sourceFile';

// The command lives with its quoting in a module the extension can import too (no TypeScript compiler there).
export { convexEnvSetCommand } from './convexEnvSet';

/** An edit appending `KEY=value` as a new last line of a file. */
export function appendLineEdit(file: string, text: string, line: string): TextEdit {
  const lines = text.split('\n');
  const last = lines.length - 1;
  const position = { line: last, character: lines[last].length };
  const needsNewline = text.length > 0 && !text.endsWith('\n');
  return { file, range: { start: position, end: position }, newText: `${needsNewline ? '\n' : ''}${line}\n` };
}

/**
 * "Add KEY= to .env.local (and the example file)": empty values only, so the user pastes the
 * secret. Without any local env file the key is documented in the example file instead (creating
 * `.env.example` when there is none), which is what a fresh clone needs.
 */
export function addEnvKeyFix(ctx: RuleContext, key: string): Fix {
  const project = ctx.project;
  const edits: TextEdit[] = [];
  const createFiles: { file: string; content: string }[] = [];
  const example = project.envTemplates[0];
  const targets: string[] = [];
  if (project.envFiles.length > 0) {
    const local = project.envFiles.find((file) => file.name === '.env.local');
    if (local) edits.push(appendLineEdit(local.file, ctx.readFile(local.file) ?? '', `${key}=`));
    else createFiles.push({ file: `${project.root}/.env.local`, content: `${key}=\n` });
    targets.push('.env.local');
  }
  if (example && !findEntry(example.parsed, key)) {
    edits.push(appendLineEdit(example.file, ctx.readFile(example.file) ?? '', `${key}=`));
    targets.push(example.name);
  } else if (!example && project.envFiles.length === 0) {
    createFiles.push({ file: `${project.root}/.env.example`, content: `${key}=\n` });
    targets.push('.env.example');
  }
  return {
    title: l10n.t('Add {0}= to {1}', key, targets.join(l10n.t(' and '))),
    edits,
    createFiles: createFiles.length > 0 ? createFiles : undefined,
    preferred: true,
    safe: true,
  };
}

/** "Create .env.example listing …": for a project with no env file or template at all. */
export function createEnvExampleFix(ctx: RuleContext, keys: string[]): Fix {
  return {
    title: l10n.t('Create .env.example listing {0}', keys.join(', ')),
    edits: [],
    createFiles: [{ file: `${ctx.project.root}/.env.example`, content: keys.map((key) => `${key}=\n`).join('') }],
    preferred: true,
    safe: true,
  };
}

/** Edits renaming a key in the given env files. */
export function renameKeyInEnvFiles(files: EnvFile[], from: string, to: string): TextEdit[] {
  return files.flatMap((file) =>
    file.parsed.entries.filter((entry) => entry.key === from).map((entry) => ({ file: file.file, range: entry.keyRange, newText: to })),
  );
}

/** Edits renaming `process.env.FROM` reads (all forms) in the project's code. */
export function renameEnvReads(ctx: RuleContext, project: Project, from: string, to: string): TextEdit[] {
  const files = [...(project.nextApp?.sourceFiles ?? []), ...project.convexDirs.flatMap((dir) => dir.functionFiles)];
  return files.flatMap((file) => {
    const source = ctx.source(file);
    if (!source) return [];
    return getEnvReads(source)
      .filter((read) => read.name === from)
      .map((read): TextEdit => {
        const node = read.node;
        if (ts.isPropertyAccessExpression(node)) return { file, range: rangeOfNode(node.name, source), newText: to };
        if (ts.isElementAccessExpression(node)) return { file, range: rangeOfNode(node.argumentExpression, source), newText: `'${to}'` };
        // `const { FROM } = process.env` keeps its local name: `{ TO: FROM }`.
        const element = node as ts.BindingElement;
        if (element.propertyName) return { file, range: rangeOfNode(element.propertyName, source), newText: to };
        return { file, range: rangeOfSpan(source, element.name.getStart(source), element.name.getStart(source)), newText: `${to}: ` };
      });
  });
}
