import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, repoRoot } from '../helpers/paths';

export interface TierResult {
  label: string;
  passed: number;
  failed: number;
  ms: number;
}

/** Copies a fixture app into a throwaway folder so tests may edit, create and delete files. */
export function prepareWorkspace(name: string): string {
  const root = fs.mkdtempSync(path.join(repoRoot, '.cache', 'workspace-'));
  const workspace = path.join(root, name);
  fs.cpSync(fixture(name), workspace, { recursive: true });
  return workspace;
}

/** One folder of a multi-root workspace: a fixture copy, optionally with files laid over it and folder settings. */
export interface WorkspaceFolderSpec {
  /** Folder name in the workspace (and on disk). */
  name: string;
  /** Fixture under test/fixtures to copy. */
  fixture: string;
  /** Files added to the copy (relative path → text): integration-only additions the other tiers must not see. */
  files?: Record<string, string>;
  /** Written to the folder's .vscode/settings.json. */
  settings?: Record<string, unknown>;
}

/**
 * Copies each folder into one throwaway root and writes `workspace.code-workspace` listing them;
 * returns the path of that file, which the launcher opens instead of a folder.
 */
export function prepareMultiRootWorkspace(folders: WorkspaceFolderSpec[]): string {
  const root = fs.mkdtempSync(path.join(repoRoot, '.cache', 'workspace-'));
  for (const folder of folders) {
    const target = path.join(root, folder.name);
    fs.cpSync(fixture(folder.fixture), target, { recursive: true });
    for (const [file, text] of Object.entries(folder.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
      fs.writeFileSync(path.join(target, file), text);
    }
    if (folder.settings) {
      fs.mkdirSync(path.join(target, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(target, '.vscode', 'settings.json'), JSON.stringify(folder.settings, null, 2));
    }
  }
  const file = path.join(root, 'workspace.code-workspace');
  fs.writeFileSync(file, JSON.stringify({ folders: folders.map((folder) => ({ path: folder.name })), settings: {} }, null, 2));
  return file;
}

/** Removes a folder made by `prepareWorkspace`, or the root of `prepareMultiRootWorkspace` (its parent holds the results file too). */
export function removeWorkspace(workspace: string): void {
  fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
}

/** Counts from the suite's result file; a missing file (crash, timeout) counts as one failure. */
export function readResults(label: string, file: string, exitCode: number, ms: number): TierResult {
  let counts = { passed: 0, failed: 1 };
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { passed: number; failed: number };
    counts = { passed: parsed.passed, failed: parsed.failed };
  } catch {
    console.error(`[${label}] no results were written (the suite did not finish)`);
  }
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
  return { label, ...counts, ms };
}

/** Prints each tier's counts and the plain closing line; returns the process exit code. */
export function reportTotals(results: TierResult[]): number {
  for (const r of results) console.log(`[${r.label}] ${r.passed} passed, ${r.failed} failed in ${(r.ms / 1000).toFixed(1)} s`);
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  const summaryFile = process.env.CLERK_TOOLKIT_TIER_SUMMARY;
  if (summaryFile) fs.writeFileSync(summaryFile, JSON.stringify({ passed, failed }));
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

// Workbench chatter that would bury mocha's output in the CI log.
const workbenchNoise =
  /^(Creating a socket|\[Service Worker\]|Ignoring fetching additional builtin|Updating additional builtin|ChatSessionStore|Started local extension host|\[Extension Host\] Debugger)/;

export function printHostLine(line: string): void {
  if (!workbenchNoise.test(line)) console.log(line);
}
