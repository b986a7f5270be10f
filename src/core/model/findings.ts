/**
 * The vocabulary shared by the analysis engine (src/core), the rules, and the adapters
 * (language server, VS Code extension, CLI). Positions are 0-based like VS Code's; adapters convert
 * (the CLI prints 1-based). File paths are absolute and use '/' separators.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Location {
  file: string;
  range: Range;
}

export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface Fix {
  /** Localised title shown in the light bulb menu. */
  title: string;
  edits: TextEdit[];
  /** Files to create (a fix such as "create proxy.ts"); content is the whole file. */
  createFiles?: { file: string; content: string }[];
  /** Files to rename or move (`middleware.ts` → `proxy.ts`); applied after `edits`, which use the old paths. */
  renameFiles?: { from: string; to: string }[];
  /** Shown as the preferred fix (Ctrl+. applies it first). */
  preferred?: boolean;
  /** Safe enough to apply unattended by `source.fixAll.clerk`. */
  safe?: boolean;
  /**
   * Text to put on the clipboard instead of (or besides) editing, e.g. `npx convex env set X v`.
   * May contain a secret value: adapters must never log or display it.
   */
  clipboardText?: string;
}

export interface RelatedInfo {
  location: Location;
  message: string;
}

export interface Finding {
  ruleId: string;
  /** The rule's default or computed severity; adapters apply user overrides on top. */
  severity: Severity;
  location: Location;
  /** Localised, says what is wrong, why it breaks and what to do. Never contains a secret value. */
  message: string;
  related?: RelatedInfo[];
  /** Rendered with strike-through (VS Code DiagnosticTag.Deprecated). */
  deprecated?: boolean;
  fixes?: Fix[];
}

/** One step of a workspace change, in the order the steps apply. Paths are absolute, '/'-separated. */
export type FileChange =
  | { kind: 'create'; file: string; content: string }
  | { kind: 'edit'; file: string; edits: { range: Range; newText: string }[] }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'delete'; file: string };

/**
 * What applying a fix (or fix-all) does to the workspace: files created first, then text edits (on
 * the old paths), then renames. Every adapter applies it the same way: the language server turns it
 * into an LSP `WorkspaceEdit` with `documentChanges`, tests apply it with `applyWorkspaceChange`.
 */
export interface WorkspaceChange {
  changes: FileChange[];
}
