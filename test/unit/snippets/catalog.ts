/** Reads the snippet files the extension offers (package.json and its completion provider), the way VS Code loads them. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { completionSnippetFiles } from '../../../src/extension/snippets/catalog';
import { repoRoot } from '../../helpers/paths';
import { bodyText, expandSnippet } from '../../helpers/snippetSyntax';

export interface SnippetContribution {
  language: string;
  path: string;
}

export interface Snippet {
  /** The key in the snippet file: what `editor.action.insertSnippet` calls `name`. */
  name: string;
  file: string;
  prefixes: string[];
  description: string;
  body: string;
  languages: string[];
}

interface RawSnippet {
  prefix?: unknown;
  body?: unknown;
  description?: unknown;
}

export function readPackageJson(): { contributes: { snippets?: SnippetContribution[]; languages?: Array<{ id: string }> } } {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
}

/**
 * Every snippet file with each language it is offered in: the static `contributes.snippets` of
 * package.json (env files) and the files the completion provider offers (TypeScript/JavaScript).
 */
export function snippetContributions(): SnippetContribution[] {
  const fromProvider = completionSnippetFiles.flatMap((file) => file.languages.map((language) => ({ language, path: `./${file.path}` })));
  return [...(readPackageJson().contributes.snippets ?? []), ...fromProvider];
}

/** Parses a snippet file strictly (VS Code accepts comments; ours are plain JSON). */
export function readSnippetFile(relativePath: string): Record<string, RawSnippet> {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, relativePath), 'utf8'));
}

export function loadSnippets(): Snippet[] {
  const byFile = new Map<string, string[]>();
  for (const { language, path: file } of snippetContributions()) {
    byFile.set(file, [...(byFile.get(file) ?? []), language]);
  }
  const snippets: Snippet[] = [];
  for (const [file, languages] of byFile) {
    for (const [name, raw] of Object.entries(readSnippetFile(file))) {
      snippets.push({
        name,
        file,
        prefixes: typeof raw.prefix === 'string' ? [raw.prefix] : Array.isArray(raw.prefix) ? raw.prefix.map(String) : [],
        description: typeof raw.description === 'string' ? raw.description : '',
        body: typeof raw.body === 'string' || Array.isArray(raw.body) ? bodyText(raw.body as string | string[]) : '',
        languages,
      });
    }
  }
  return snippets;
}

/** The file a snippet belongs in, as its description states it: "File: `path`" or "File: e.g. `path`". */
export function targetFile(snippet: Snippet): string | undefined {
  return /File: (?:e\.g\. )?`([^`]+)`/.exec(snippet.description)?.[1];
}

/** The values VS Code would give the snippet variables when the snippet is inserted into `relativeFile`. */
export function variablesFor(projectDir: string, relativeFile: string): Record<string, string> {
  const filePath = path.join(projectDir, relativeFile);
  const fileName = path.basename(filePath);
  return {
    TM_FILENAME: fileName,
    TM_FILENAME_BASE: fileName.replace(/\.[^.]*$/, ''),
    TM_DIRECTORY: path.dirname(filePath),
    TM_DIRECTORY_BASE: path.basename(path.dirname(filePath)),
    TM_FILEPATH: filePath,
    RELATIVE_FILEPATH: relativeFile,
    WORKSPACE_NAME: path.basename(projectDir),
    WORKSPACE_FOLDER: projectDir,
    TM_SELECTED_TEXT: '',
    TM_CURRENT_LINE: '',
    TM_CURRENT_WORD: '',
    TM_LINE_INDEX: '0',
    TM_LINE_NUMBER: '1',
    CLIPBOARD: '',
  };
}

/**
 * Writes every snippet, expanded with its defaults, into the file its description names inside
 * `projectDir`. Returns the relative paths written, keyed by snippet name.
 */
export function expandAllInto(projectDir: string, snippets: readonly Snippet[]): Map<string, string> {
  const written = new Map<string, string>();
  for (const snippet of snippets) {
    const relativeFile = targetFile(snippet);
    if (relativeFile === undefined) throw new Error(`snippet "${snippet.name}" names no file in its description`);
    const absolute = path.join(projectDir, relativeFile);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    fs.writeFileSync(absolute, expandSnippet(snippet.body, variablesFor(projectDir, relativeFile)) + '\n');
    written.set(snippet.name, relativeFile);
  }
  return written;
}

export const snippetProjectDir = path.join(repoRoot, 'test', 'snippet-project');
export const snippetProjectModules = path.join(repoRoot, '.cache', 'snippet-project', 'node_modules');

/** Installs the scratch project's pinned packages unless the cache already matches the lock file. */
export function ensureSnippetProjectInstalled(): void {
  execFileSync('bash', [path.join(repoRoot, 'scripts', 'setup-snippet-project.sh')], { stdio: 'pipe' });
}

/**
 * A throwaway copy of the scratch project with every snippet expanded into it. Returns the copy's
 * directory and the files written per snippet name.
 */
export function createExpandedProject(snippets: readonly Snippet[] = loadSnippets()): { dir: string; files: Map<string, string> } {
  ensureSnippetProjectInstalled();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snippet-project-'));
  fs.cpSync(snippetProjectDir, dir, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
  fs.symlinkSync(snippetProjectModules, path.join(dir, 'node_modules'), 'dir');
  return { dir, files: expandAllInto(dir, snippets) };
}
