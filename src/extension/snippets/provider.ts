import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CodeStyle } from './adapt';
import { completionLanguages, completionSnippetFiles, parseSnippetFile, type SnippetDefinition } from './catalog';
import { prettierJsonFiles, prettierStyle } from './prettierStyle';
import { foldersUpToWorkspace, nearestConvexSchema, readText } from './projectFiles';

type AdaptModule = typeof import('./adapt');
let adaptModule: AdaptModule | undefined;
// A computed path: esbuild leaves the chunk (and TypeScript in it) out of the activation bundle.
const loadAdapt = (): AdaptModule => (adaptModule ??= require(path.join(__dirname, 'snippetStyle.js')) as AdaptModule);

const prefixes = ['clerk-', 'convex-'];

/** True when `typed` is on its way to a snippet prefix (`cl`, `conv`, `clerk-pro`…). */
function leadsToSnippet(typed: string): boolean {
  return prefixes.some((prefix) => prefix.startsWith(typed) || typed.startsWith(prefix));
}

/** The first Prettier config (JSON forms) from the document's folder up, as Prettier finds it. */
async function projectPrettierStyle(uri: vscode.Uri): Promise<CodeStyle | undefined> {
  for (const dir of foldersUpToWorkspace(uri)) {
    for (const name of prettierJsonFiles) {
      const text = await readText(vscode.Uri.joinPath(dir, name));
      const style = text === undefined ? undefined : prettierStyle(name, text);
      if (style) return style;
    }
  }
  return undefined;
}

/**
 * Emmet offers the typed word itself (`clerk-` → `<clerk-></clerk->`) in TSX, and VS Code scores a
 * label equal to the typed word above any longer one. Filtering on the typed word gives our items
 * the same score, and then the sort text (before any letter) puts them first and preselected. The
 * list is incomplete, so each keystroke asks again and the items are narrowed here.
 */
function completionItem(snippet: SnippetDefinition, prefix: string, body: string, typed: string, range: vscode.Range, insertedCommand: string): vscode.CompletionItem {
  const item = new vscode.CompletionItem({ label: prefix, description: snippet.name }, vscode.CompletionItemKind.Snippet);
  item.insertText = new vscode.SnippetString(body);
  item.range = range;
  item.filterText = typed;
  item.sortText = ` ${prefix}`;
  item.preselect = true;
  item.detail = snippet.name;
  item.documentation = new vscode.MarkdownString().appendText(snippet.description);
  item.command = { command: insertedCommand, title: snippet.name };
  return item;
}

/**
 * Offers the TypeScript/JavaScript snippets as completions. Unlike a static snippet file they are
 * preselected, so Enter inserts a snippet rather than Emmet's `<clerk-></clerk->` in TSX, and they
 * follow the project: semicolons and quotes from its Prettier config or else the open file, and
 * the users index of convex/schema.ts. `insertedCommand` runs after an insertion.
 */
export function registerSnippetCompletions(context: vscode.ExtensionContext, insertedCommand: string): vscode.Disposable {
  const snippets = completionSnippetFiles.flatMap((file) => parseSnippetFile(fs.readFileSync(path.join(context.extensionPath, file.path), 'utf8'), file.languages));
  return vscode.languages.registerCompletionItemProvider(
    completionLanguages.map((language) => ({ language })),
    {
      async provideCompletionItems(document, position) {
        const wordRange = document.getWordRangeAtPosition(position, /[\w-]+/);
        const range = new vscode.Range(wordRange?.start ?? position, position);
        const typed = document.getText(range);
        // One letter could start anything: be asked again on the next one rather than load TypeScript.
        if (typed.length < 2) return new vscode.CompletionList([], true);
        if (!leadsToSnippet(typed)) return undefined;
        const { adaptSnippetBody, inferCodeStyle, usersIndexFromSchema } = loadAdapt();
        const jsx = document.languageId.endsWith('react');
        const style = (await projectPrettierStyle(document.uri)) ?? inferCodeStyle(document.getText(), jsx);
        const schema = await nearestConvexSchema(document.uri);
        const usersIndex = schema === undefined ? undefined : usersIndexFromSchema(schema);
        const items = snippets
          .filter((snippet) => snippet.languages.includes(document.languageId))
          .flatMap((snippet) =>
            snippet.prefixes
              .filter((prefix) => prefix.startsWith(typed))
              .map((prefix) => completionItem(snippet, prefix, adaptSnippetBody(snippet.body, { style, usersIndex, jsx }), typed, range, insertedCommand)),
          );
        return new vscode.CompletionList(items, true);
      },
    },
  );
}
