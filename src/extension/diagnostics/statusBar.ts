import * as vscode from 'vscode';
import type { Severity } from '../../core/model';
import { commandIds, projectSummaryRequest, type ProjectSummaryParams, type ProjectSummaryResult } from '../../protocol';
import type { DiagnosticsClient } from './client';

const icons: Record<Severity, string> = { error: '$(error)', warning: '$(warning)', info: '$(info)' };
const severityOf = (diagnostic: vscode.Diagnostic): Severity =>
  diagnostic.severity === vscode.DiagnosticSeverity.Error ? 'error' : diagnostic.severity === vscode.DiagnosticSeverity.Warning ? 'warning' : 'info';

/**
 * The detected project (Next.js version, Clerk SDK major, Convex) of the active editor's file, from
 * the server, and the number of findings; a click runs `clerkToolkit.showFindings`. Hidden when no
 * Clerk/Convex project was found.
 */
export class FindingsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('clerkToolkit.findings', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[];
  /** Counts updates, so only the newest request's answer is shown. */
  private updates = 0;

  constructor(private readonly client: DiagnosticsClient) {
    this.item.name = vscode.l10n.t('Clerk Auth Toolkit');
    this.item.command = commandIds.showFindings;
    this.disposables = [this.item, client.onDidAnalyze(() => void this.update()), vscode.window.onDidChangeActiveTextEditor(() => void this.update())];
  }

  async update(): Promise<void> {
    const update = ++this.updates;
    const active = vscode.window.activeTextEditor?.document.uri;
    const params: ProjectSummaryParams = { uri: active?.scheme === 'file' ? active.toString() : undefined };
    let summary: ProjectSummaryResult;
    try {
      summary = await this.client.sendRequest<ProjectSummaryResult>(projectSummaryRequest, params);
    } catch {
      return; // The server is restarting; the next analysis updates the item.
    }
    if (update !== this.updates) return;
    if (summary.rootUri === null) {
      this.item.hide();
      return;
    }
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const [, diagnostics] of this.client.diagnostics()) for (const diagnostic of diagnostics) counts[severityOf(diagnostic)] += 1;
    const total = counts.error + counts.warning + counts.info;
    const parts = [
      summary.nextVersion ? vscode.l10n.t('Next {0}', summary.nextVersion) : undefined,
      summary.clerkMajor !== undefined ? vscode.l10n.t('Clerk v{0}', summary.clerkMajor) : undefined,
      summary.hasConvex ? vscode.l10n.t('Convex') : undefined,
    ].filter((part): part is string => part !== undefined);
    const worst = (['error', 'warning', 'info'] as const).find((severity) => counts[severity] > 0);
    this.item.text = `$(shield) ${parts.join(' · ') || vscode.l10n.t('Clerk')}  ${worst ? icons[worst] : '$(check)'} ${total}`;
    this.item.tooltip = [
      vscode.l10n.t('Clerk Auth Toolkit: {0}', vscode.workspace.asRelativePath(vscode.Uri.parse(summary.rootUri))),
      vscode.l10n.t('Next.js: {0}', summary.nextVersion ?? vscode.l10n.t('unknown')),
      vscode.l10n.t('@clerk/nextjs: {0}', summary.clerkMajor !== undefined ? `v${summary.clerkMajor}` : vscode.l10n.t('unknown')),
      vscode.l10n.t('Convex: {0}', summary.hasConvex ? vscode.l10n.t('yes') : vscode.l10n.t('no')),
      vscode.l10n.t('{0} errors, {1} warnings, {2} info. Click to list them.', counts.error, counts.warning, counts.info),
    ].join('\n');
    this.item.show();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** VS Code cannot filter the Problems view by source, so this lists only our findings. */
export async function showFindingsQuickPick(client: DiagnosticsClient): Promise<void> {
  if (!diagnosticsEnabled()) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Clerk Auth Toolkit diagnostics are turned off (setting clerkToolkit.diagnostics.enable).'));
    return;
  }
  await client.whenAnalyzed();
  const order: Severity[] = ['error', 'warning', 'info'];
  const findings = client
    .diagnostics()
    .flatMap(([uri, diagnostics]) => diagnostics.map((diagnostic) => ({ uri, diagnostic })))
    .sort((a, b) => order.indexOf(severityOf(a.diagnostic)) - order.indexOf(severityOf(b.diagnostic)));
  if (findings.length === 0) {
    void vscode.window.showInformationMessage(await emptyReason(client));
    return;
  }
  const picked = await vscode.window.showQuickPick(
    findings.map(({ uri, diagnostic }) => ({
      label: `${icons[severityOf(diagnostic)]} ${diagnostic.message.split('\n')[0]}`,
      description: `${vscode.workspace.asRelativePath(uri)}:${diagnostic.range.start.line + 1}`,
      detail: String(typeof diagnostic.code === 'object' ? diagnostic.code.value : (diagnostic.code ?? '')),
      uri,
      diagnostic,
    })),
    { title: vscode.l10n.t('Clerk Auth Toolkit findings'), matchOnDescription: true, matchOnDetail: true },
  );
  if (picked) await vscode.window.showTextDocument(picked.uri, { selection: picked.diagnostic.range });
}

/** Whether some workspace folder has the diagnostics on (a resource-scoped setting: read per folder). */
function diagnosticsEnabled(): boolean {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return (
    folders.length === 0 || folders.some((folder) => vscode.workspace.getConfiguration('clerkToolkit', folder.uri).get<boolean>('diagnostics.enable', true))
  );
}

/** "No problems" only when something was checked: otherwise say why nothing was. */
async function emptyReason(client: DiagnosticsClient): Promise<string> {
  const summary = await client.sendRequest<ProjectSummaryResult>(projectSummaryRequest, {} satisfies ProjectSummaryParams);
  return summary.rootUri === null
    ? vscode.l10n.t('Clerk Auth Toolkit found no Next.js app or Convex folder in this workspace, so there is nothing to check.')
    : vscode.l10n.t('Clerk Auth Toolkit found no problems.');
}
