/**
 * The TypeScript/JavaScript snippets, which the completion provider (./provider.ts) offers instead
 * of a static `contributes.snippets` entry so they can follow the project's style and come before
 * Emmet's abbreviations in TSX. The env snippets stay a static contribution. No `vscode` import:
 * the unit tests read the same list.
 */

/** Snippet files under the extension folder and the languages each is offered in. */
export const completionSnippetFiles: ReadonlyArray<{ path: string; languages: readonly string[] }> = [
  { path: 'snippets/common.code-snippets', languages: ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'] },
  { path: 'snippets/typescript.code-snippets', languages: ['typescript', 'typescriptreact'] },
  { path: 'snippets/typescriptreact.code-snippets', languages: ['typescriptreact'] },
];

export const completionLanguages = [...new Set(completionSnippetFiles.flatMap((file) => file.languages))];

export interface SnippetDefinition {
  /** The key in the snippet file. */
  name: string;
  prefixes: string[];
  description: string;
  /** Snippet syntax, lines joined with "\n". */
  body: string;
  languages: readonly string[];
}

/** Parses one `.code-snippets` file (plain JSON in this repository) the way VS Code reads its entries. */
export function parseSnippetFile(text: string, languages: readonly string[]): SnippetDefinition[] {
  const parsed = JSON.parse(text) as Record<string, { prefix?: unknown; body?: unknown; description?: unknown }>;
  return Object.entries(parsed).map(([name, raw]) => ({
    name,
    prefixes: typeof raw.prefix === 'string' ? [raw.prefix] : Array.isArray(raw.prefix) ? raw.prefix.map(String) : [],
    description: typeof raw.description === 'string' ? raw.description : '',
    body: Array.isArray(raw.body) ? raw.body.map(String).join('\n') : String(raw.body ?? ''),
    languages,
  }));
}
