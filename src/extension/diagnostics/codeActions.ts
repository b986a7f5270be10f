import * as vscode from 'vscode';
import type { Finding, Fix, TextEdit } from '../../core/model';
import { enginePath, toVsRange, type DiagnosticsController } from './controller';
import { disableCommentEdit } from '../../core/fixes/disableComment';
import { planFixAll } from '../../core/fixes/fixAll';

export const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('clerk');
const copyFixTextCommand = 'clerkToolkit.diagnostics.copyFixText';
const disableRuleCommand = 'clerkToolkit.diagnostics.disableRule';

/**
 * Quick fixes for each finding (the rule's fixes, "disable for this line", "disable in settings")
 * and `source.fixAll.clerk` (every safe fix of the document). Registered for all `file` documents:
 * env files have no reliable language id.
 */
export class FindingCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, fixAllKind] };

  /**
   * Clipboard texts may hold a secret (`npx convex env set X <value>`): code actions reference them
   * by id, so the text never travels to the workbench as a command argument.
   */
  private readonly clipboardTexts = new Map<string, string>();

  constructor(private readonly controller: DiagnosticsController) {}

  static register(controller: DiagnosticsController): vscode.Disposable {
    const provider = new FindingCodeActions(controller);
    return vscode.Disposable.from(
      vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, provider, FindingCodeActions.metadata),
      vscode.commands.registerCommand(copyFixTextCommand, (id: string) => provider.copyFixText(id)),
      vscode.commands.registerCommand(disableRuleCommand, (ruleId: string) => disableRuleInSettings(ruleId)),
    );
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    // Actions must match the text on screen: run an analysis still waiting for the typing pause.
    this.controller.flush();
    const findings = this.controller.findingsOf(document.uri);
    // `source.fixAll.clerk` itself, or a parent kind such as `source.fixAll` (editor.codeActionsOnSave).
    if (context.only && (fixAllKind.contains(context.only) || context.only.contains(fixAllKind))) {
      const fixAll = this.fixAll(findings);
      return fixAll ? [fixAll] : [];
    }
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(context.only)) return [];
    const actions: vscode.CodeAction[] = [];
    const disableActions: vscode.CodeAction[] = [];
    for (const finding of findings) {
      const findingRange = toVsRange(finding.location.range);
      if (!findingRange.intersection(range) && !findingRange.contains(range)) continue;
      const diagnostic = matchingDiagnostic(context.diagnostics, finding) ?? this.controller.toDiagnostic(finding);
      finding.fixes?.forEach((fix, index) => actions.push(this.quickFix(fix, diagnostic, `${finding.ruleId}:${enginePath(document.uri)}:${findingRange.start.line}:${findingRange.start.character}:${index}`)));
      disableActions.push(disableForLine(document, finding, diagnostic), disableInSettings(finding, diagnostic));
    }
    const fixAll = this.fixAll(findings);
    return [...actions, ...disableActions, ...(fixAll ? [fixAll] : [])];
  }

  private quickFix(fix: Fix, diagnostic: vscode.Diagnostic, fixId: string): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = fix.preferred;
    if (fix.edits.length > 0 || fix.createFiles?.length) action.edit = toWorkspaceEdit(fix.edits, fix.createFiles ?? []);
    if (fix.clipboardText !== undefined) {
      this.clipboardTexts.set(fixId, fix.clipboardText);
      action.command = { command: copyFixTextCommand, title: fix.title, arguments: [fixId] };
    }
    return action;
  }

  private fixAll(findings: Finding[]): vscode.CodeAction | undefined {
    const plan = planFixAll(findings);
    if (plan.fixCount === 0) return undefined;
    const action = new vscode.CodeAction(vscode.l10n.t('Fix all safe Clerk Auth Toolkit problems'), fixAllKind);
    action.edit = toWorkspaceEdit(plan.edits, plan.createFiles);
    return action;
  }

  private async copyFixText(id: string): Promise<void> {
    const text = this.clipboardTexts.get(id);
    if (text !== undefined) await copyCommandText(text);
  }
}

/**
 * Puts a shell command on the clipboard and confirms with `notice`, which must not repeat the
 * text: it may contain a secret value.
 */
export async function copyCommandText(text: string, notice = vscode.l10n.t('Copied to the clipboard. Paste it into a terminal in the project folder.')): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(notice);
}

function toWorkspaceEdit(edits: TextEdit[], createFiles: NonNullable<Fix['createFiles']>): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const created of createFiles) {
    edit.createFile(vscode.Uri.file(created.file), { ignoreIfExists: true, contents: Buffer.from(created.content, 'utf8') });
  }
  for (const change of edits) edit.replace(vscode.Uri.file(change.file), toVsRange(change.range), change.newText);
  return edit;
}

/** The Problems view's copy of our diagnostic, so the light bulb links the action to it. */
function matchingDiagnostic(diagnostics: readonly vscode.Diagnostic[], finding: Finding): vscode.Diagnostic | undefined {
  const range = toVsRange(finding.location.range);
  return diagnostics.find((diagnostic) => {
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    return code === finding.ruleId && diagnostic.range.isEqual(range) && diagnostic.message === finding.message;
  });
}

function disableForLine(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(vscode.l10n.t('Disable {0} for this line', finding.ruleId), vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.edit = toWorkspaceEdit([disableCommentEdit(enginePath(document.uri), document.getText(), finding.location.range.start.line, finding.ruleId)], []);
  return action;
}

function disableInSettings(finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const title = vscode.l10n.t('Disable {0} in settings', finding.ruleId);
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.command = { command: disableRuleCommand, title, arguments: [finding.ruleId] };
  return action;
}

/**
 * Sets `clerkToolkit.rules[ruleId] = "off"` in the workspace settings (`.vscode/settings.json`,
 * which `clerk-toolkit check` reads too), or the user settings when no folder is open.
 */
async function disableRuleInSettings(ruleId: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('clerkToolkit');
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const inspected = config.inspect<Record<string, string>>('rules');
  const current = (target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue) ?? {};
  await config.update('rules', { ...current, [ruleId]: 'off' }, target);
}
