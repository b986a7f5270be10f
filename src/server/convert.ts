// The language server's one translation between the core's vocabulary and LSP's.
import type { CodeAction, Diagnostic, Hover, WorkspaceEdit } from 'vscode-languageserver/node';
import type { HoverContent } from '../core/hovers';
import type { Finding, Severity, WorkspaceChange } from '../core/model';
import type { ServiceCodeAction } from '../core/service';
import { pathToUri } from '../core/uris';
import { docsUrl } from '../core/rules/rule';

export const diagnosticSource = 'Clerk Auth Toolkit';

/** `source.fixAll.clerk`: the kind `editor.codeActionsOnSave` and other editors' "fix all" ask for. */
export const fixAllKind = 'source.fixAll.clerk';

// LSP's DiagnosticSeverity numbers (Error 1, Warning 2, Information 3).
const severities: Record<Severity, 1 | 2 | 3> = { error: 1, warning: 2, info: 3 };

export function toDiagnostic(finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.location.range,
    severity: severities[finding.severity],
    source: diagnosticSource,
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri: pathToUri(related.location.file), range: related.location.range },
      message: related.message,
    }));
  }
  // DiagnosticTag.Deprecated
  if (finding.deprecated) diagnostic.tags = [2];
  return diagnostic;
}

export interface WorkspaceEditContext {
  /** Version of an open document (edits to it are checked against it); undefined when not open. */
  versionOf(file: string): number | undefined;
  exists(file: string): boolean;
}

/**
 * A workspace change as LSP `documentChanges`, in the order the steps apply: a created file is a
 * `CreateFile` (`ignoreIfExists`) plus an edit inserting its content (skipped when the file
 * already exists, so it is left as it is); edits of files that are not open carry version null;
 * renames and moves are `RenameFile`s after the edits, which use the old paths.
 */
export function toWorkspaceEdit(change: WorkspaceChange, context: WorkspaceEditContext): WorkspaceEdit {
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  const documentOf = (file: string) => ({ uri: pathToUri(file), version: context.versionOf(file) ?? null });
  for (const step of change.changes) {
    switch (step.kind) {
      case 'create':
        if (context.exists(step.file)) break;
        documentChanges.push({ kind: 'create', uri: pathToUri(step.file), options: { ignoreIfExists: true } });
        documentChanges.push({
          textDocument: { uri: pathToUri(step.file), version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: step.content }],
        });
        break;
      case 'edit':
        documentChanges.push({ textDocument: documentOf(step.file), edits: step.edits.map(({ range, newText }) => ({ range, newText })) });
        break;
      case 'rename':
        documentChanges.push({ kind: 'rename', oldUri: pathToUri(step.from), newUri: pathToUri(step.to), options: { overwrite: false } });
        break;
      case 'delete':
        documentChanges.push({ kind: 'delete', uri: pathToUri(step.file) });
        break;
    }
  }
  return { documentChanges };
}

export function toCodeAction(action: ServiceCodeAction, context: WorkspaceEditContext): CodeAction {
  const result: CodeAction = { title: action.title, kind: action.kind === 'fixAll' ? fixAllKind : 'quickfix' };
  if (action.finding) result.diagnostics = [toDiagnostic(action.finding)];
  if (action.preferred) result.isPreferred = true;
  if (action.change) result.edit = toWorkspaceEdit(action.change, context);
  if (action.command) result.command = { title: action.title, command: action.command.id, arguments: action.command.arguments };
  return result;
}

export function toHover(content: HoverContent): Hover {
  return { contents: { kind: 'markdown', value: content.markdown }, range: content.range };
}
