/** Issue 4 in the real VS Code host: the contributed snippets insert by name and show up in completion. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { expandSnippet } from '../../helpers/snippetSyntax';
import { loadSnippets, type Snippet } from '../../unit/snippets/catalog';

const snippets = loadSnippets();

function snippetNamed(name: string): Snippet {
  const snippet = snippets.find((s) => s.name === name);
  assert.ok(snippet, `no snippet named "${name}"`);
  return snippet;
}

/** What insertSnippet should produce: our expansion, with body tabs turned into the editor's indentation. */
function expectedText(snippet: Snippet, doc: vscode.TextDocument, options: vscode.TextEditorOptions): string {
  const fileName = path.posix.basename(doc.uri.path);
  const text = expandSnippet(snippet.body, { TM_FILENAME: fileName, TM_FILENAME_BASE: fileName.replace(/\.[^.]*$/, '') });
  const indent = options.insertSpaces ? ' '.repeat(Number(options.tabSize)) : '\t';
  return text.replace(/^\t+/gm, (tabs) => indent.repeat(tabs.length));
}

async function openEmpty(language: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language, content: '' });
  return vscode.window.showTextDocument(doc);
}

async function closeWithoutSaving(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/**
 * Inserts a snippet the way a user does: the env snippets by name (a static contribution), the
 * TypeScript/JavaScript ones through the completion item for their prefix (src/extension/snippets).
 */
async function insertAsUser(editor: vscode.TextEditor, langId: string, snippet: Snippet): Promise<void> {
  if (langId === 'dotenv') {
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId, name: snippet.name });
    return;
  }
  const [prefix] = snippet.prefixes;
  await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), prefix));
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    editor.document.uri,
    new vscode.Position(0, prefix.length),
  );
  // Emmet offers the same word in TSX (`<clerk-show></clerk-show>`): take the snippet.
  const item = list.items.find(
    (candidate) =>
      candidate.kind === vscode.CompletionItemKind.Snippet && (typeof candidate.label === 'string' ? candidate.label : candidate.label.label) === prefix,
  );
  assert.ok(item?.insertText instanceof vscode.SnippetString, `${prefix} is not offered as a snippet`);
  await editor.insertSnippet(item.insertText, new vscode.Range(0, 0, 0, prefix.length));
}

describe('snippets in VS Code', () => {
  const cases: Array<[langId: string, name: string]> = [
    ['typescript', 'Clerk proxy (middleware)'],
    ['javascript', 'Clerk proxy (middleware)'],
    ['typescript', 'Clerk webhook Route Handler (Next.js)'],
    ['typescriptreact', 'Clerk <Show> signed-in / signed-out'],
    ['typescriptreact', 'Convex HTTP action: Clerk webhook'],
    ['dotenv', 'Clerk + Convex .env.local'],
  ];

  for (const [langId, name] of cases) {
    it(`inserts "${name}" into a ${langId} document`, async () => {
      const editor = await openEmpty(langId);
      try {
        await insertAsUser(editor, langId, snippetNamed(name));
        assert.equal(editor.document.getText(), expectedText(snippetNamed(name), editor.document, editor.options));
      } finally {
        await closeWithoutSaving();
      }
    });
  }

  it('offers every clerk- snippet for TypeScript in completion after typing "clerk-"', async () => {
    const editor = await openEmpty('typescript');
    try {
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'clerk-'));
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        editor.document.uri,
        new vscode.Position(0, 'clerk-'.length),
      );
      const offered = new Set(
        list.items
          .filter((item) => item.kind === vscode.CompletionItemKind.Snippet)
          .map((item) => (typeof item.label === 'string' ? item.label : item.label.label)),
      );
      const expected = snippets
        .filter((s) => s.languages.includes('typescript'))
        .flatMap((s) => s.prefixes)
        .filter((prefix) => prefix.startsWith('clerk-'));
      assert.ok(expected.length > 0);
      for (const prefix of expected) assert.ok(offered.has(prefix), `${prefix} is not offered (got ${[...offered].join(', ')})`);
    } finally {
      await closeWithoutSaving();
    }
  });
});
