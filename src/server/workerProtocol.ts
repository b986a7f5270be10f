// Messages between the language server's main thread and its analysis worker (dist/analysisWorker.js).
import type { CodeAction, Diagnostic, Hover, Position, Range } from 'vscode-languageserver/node';
import type { JwtTemplateInfo, Severity } from '../core/model';
import type { ClientCommands } from '../core/service';
import type { ConvexEnvSetCommandResult, ProjectSummaryResult } from '../protocol';

/** Raw `clerkToolkit` settings of one folder, as the client answered `workspace/configuration`. */
export interface FolderSettingValues {
  rules?: unknown;
  envFiles?: unknown;
  /** `diagnostics.enable` */
  diagnosticsEnable?: unknown;
}

export interface WorkerFolder {
  root: string;
  values: FolderSettingValues;
}

export interface WorkerDocument {
  file: string;
  text: string;
  version: number;
}

/**
 * Everything the worker's service is built from. The main thread keeps it current, so a restarted
 * worker (after a time-out or a crash) starts where the old one was.
 */
export interface WorkerState {
  folders: WorkerFolder[];
  trusted: boolean;
  onlineTemplates?: JwtTemplateInfo[];
  documents: WorkerDocument[];
  /** Files the worker must treat as absent: they made an analysis run past the time limit. */
  excluded: string[];
  commands?: ClientCommands;
  l10nBundle?: Record<string, string>;
  /**
   * Two Int32s: the id (see the `path` message) of the file the worker is reading or a rule is
   * looking at (0 for none), and a count of such visits, which shows the analysis is moving on.
   * Shared memory, because the main thread reads it while the worker is stuck, and a message per
   * file a rule touches would cost more than the analysis.
   */
  readingMarker: SharedArrayBuffer;
}

/** Diagnostics that changed since the worker's previous analysis. */
export interface WorkerAnalysis {
  /** URI → the file's diagnostics now (an empty list clears them). */
  diagnostics: [string, Diagnostic[]][];
  /** The first analysis of this worker: files not listed have no diagnostics. */
  complete: boolean;
  failures: string[];
  /** Problems in the settings values (unknown rule ids, bad values), one line each. */
  settingsProblems: string[];
  counts: Record<Severity, number>;
  durationMs: number;
}

/** Requests: answered with a `result` message carrying the same id. */
export interface WorkerRequests {
  analyze(): WorkerAnalysis;
  hover(uri: string, position: Position): Hover | null;
  codeActions(uri: string, range: Range, only: string[] | undefined): CodeAction[];
  projectSummary(uri: string | undefined): ProjectSummaryResult;
  handledEventTypes(): string[];
  fixClipboardText(fixId: string): string | null;
  convexEnvSetCommand(projectRoot: string, key: string): ConvexEnvSetCommandResult | null;
}

/** State changes: applied in order, never answered. */
export interface WorkerNotifications {
  changeDocument(document: WorkerDocument): void;
  closeDocument(file: string): void;
  fileCreated(file: string): void;
  fileChanged(file: string): void;
  fileDeleted(file: string): void;
  setFolders(folders: WorkerFolder[]): void;
  setFolderSettings(folder: WorkerFolder): void;
  setOnlineTemplates(templates: JwtTemplateInfo[] | undefined): void;
  setExcluded(files: string[]): void;
  reset(): void;
}

export type ToWorker =
  { kind: 'request'; id: number; method: keyof WorkerRequests; args: unknown[] } | { kind: 'notification'; method: keyof WorkerNotifications; args: unknown[] };

export type FromWorker =
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; message: string }
  /** The worker loaded its code: the time limit of requests counts from here. */
  | { kind: 'ready' }
  /** The id under which a file appears in `readingMarker`. */
  | { kind: 'path'; id: number; file: string };
