import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/model';
import { enginePath, toVsRange, type DiagnosticsController } from './controller';
import { summarizeProject } from '../../core/project/summary';

const icons: Record<Severity, string> = { error: '$(error)', warning: '$(warning)', info: '$(info)' };

/**
 * The detected project (Next.js version, Clerk SDK major, Convex) of the active editor's file and
 * the number of findings; a click runs `clerkToolkit.showFindings`. Hidden when no Clerk/Convex
 * project was found.
 */
export class FindingsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('clerkToolkit.findings', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly controller: DiagnosticsController) {
    this.item.name = vscode.l10n.t('Clerk Auth Toolkit');
    this.item.command = 'clerkToolkit.showFindings';
    this.disposables = [this.item, controller.onDidAnalyze(() => this.update()), vscode.window.onDidChangeActiveTextEditor(() => this.update())];
    this.update();
  }

  update(): void {
    const active = vscode.window.activeTextEditor?.document.uri;
    const summary = summarizeProject(this.controller.workspaceModel(), active?.scheme === 'file' ? enginePath(active) : undefined);
    if (!summary) {
      this.item.hide();
      return;
    }
    const findings = this.controller.allFindings();
    const parts = [
      summary.nextVersion ? vscode.l10n.t('Next {0}', summary.nextVersion) : undefined,
      summary.clerkMajor !== undefined ? vscode.l10n.t('Clerk v{0}', summary.clerkMajor) : undefined,
      summary.hasConvex ? vscode.l10n.t('Convex') : undefined,
    ].filter((part): part is string => part !== undefined);
    const count = (severity: Severity): number => findings.filter((finding) => finding.severity === severity).length;
    const worst = (['error', 'warning', 'info'] as const).find((severity) => count(severity) > 0);
    this.item.text = `$(shield) ${parts.join(' · ') || vscode.l10n.t('Clerk')}  ${worst ? icons[worst] : '$(check)'} ${findings.length}`;
    this.item.tooltip = [
      vscode.l10n.t('Clerk Auth Toolkit: {0}', vscode.workspace.asRelativePath(vscode.Uri.file(summary.root))),
      vscode.l10n.t('Next.js: {0}', summary.nextVersion ?? vscode.l10n.t('unknown')),
      vscode.l10n.t('@clerk/nextjs: {0}', summary.clerkMajor !== undefined ? `v${summary.clerkMajor}` : vscode.l10n.t('unknown')),
      vscode.l10n.t('Convex: {0}', summary.hasConvex ? vscode.l10n.t('yes') : vscode.l10n.t('no')),
      vscode.l10n.t('{0} errors, {1} warnings, {2} info. Click to list them.', count('error'), count('warning'), count('info')),
    ].join('\n');
    this.item.show();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** VS Code cannot filter the Problems view by source, so this lists only our findings. */
export async function showFindingsQuickPick(controller: DiagnosticsController): Promise<void> {
  controller.flush();
  const order: Severity[] = ['error', 'warning', 'info'];
  const findings = [...controller.allFindings()].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  if (findings.length === 0) {
    // "No problems" only when something was checked: otherwise say why nothing was.
    const message = !vscode.workspace.getConfiguration('clerkToolkit').get<boolean>('diagnostics.enable', true)
      ? vscode.l10n.t('Clerk Auth Toolkit diagnostics are turned off (setting clerkToolkit.diagnostics.enable).')
      : controller.workspaceModel().projects.length === 0
        ? vscode.l10n.t('Clerk Auth Toolkit found no Next.js app or Convex folder in this workspace, so there is nothing to check.')
        : vscode.l10n.t('Clerk Auth Toolkit found no problems.');
    void vscode.window.showInformationMessage(message);
    return;
  }
  const picked = await vscode.window.showQuickPick(
    findings.map((finding) => ({
      label: `${icons[finding.severity]} ${finding.message.split('\n')[0]}`,
      description: `${vscode.workspace.asRelativePath(vscode.Uri.file(finding.location.file))}:${finding.location.range.start.line + 1}`,
      detail: finding.ruleId,
      finding,
    })),
    { title: vscode.l10n.t('Clerk Auth Toolkit findings'), matchOnDescription: true, matchOnDetail: true },
  );
  if (picked) await revealFinding(picked.finding);
}

async function revealFinding(finding: Finding): Promise<void> {
  const range = toVsRange(finding.location.range);
  await vscode.window.showTextDocument(vscode.Uri.file(finding.location.file), { selection: range });
}
