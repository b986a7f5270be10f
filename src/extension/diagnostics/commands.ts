import * as vscode from 'vscode';
import { commandShellOf, convexEnvSetCommandFor } from '../../core/env/convexEnvSet';
import {
  convexEnvSetCommandRequest,
  fixClipboardTextRequest,
  internalCommandIds,
  type ConvexEnvSetCommandParams,
  type ConvexEnvSetCommandResult,
  type FixClipboardTextParams,
  type FixClipboardTextResult,
} from '../../protocol';
import type { DiagnosticsClient } from './client';

/**
 * The commands the server's code actions and hover links run: they need VS Code itself (the
 * clipboard, the settings). Clipboard texts may hold a secret, so they travel by id or by
 * (project, key) and are fetched from the server on click; notices never repeat them.
 */
export function registerServerCommands(client: DiagnosticsClient): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(internalCommandIds.copyFixText, async (fixId: unknown) => {
      if (typeof fixId !== 'string') return;
      const { text } = await client.sendRequest<FixClipboardTextResult>(fixClipboardTextRequest, { fixId } satisfies FixClipboardTextParams);
      if (text !== null) await copyCommandText(text);
    }),
    vscode.commands.registerCommand(internalCommandIds.disableRule, (ruleId: unknown, folderUri?: unknown) =>
      typeof ruleId === 'string' ? disableRuleInSettings(ruleId, typeof folderUri === 'string' ? vscode.Uri.parse(folderUri) : undefined) : undefined,
    ),
    vscode.commands.registerCommand(internalCommandIds.copyConvexEnvSet, async (projectRoot: unknown, key: unknown) => {
      if (typeof projectRoot !== 'string' || typeof key !== 'string') return;
      // Null: the server knows no such project or key (the hover outlived an edit).
      const result = await client.sendRequest<ConvexEnvSetCommandResult | null>(convexEnvSetCommandRequest, {
        projectRoot,
        key,
      } satisfies ConvexEnvSetCommandParams);
      if (result) await copyCommandText(result.command, convexEnvSetNotice(result.placeholder, key));
    }),
  );
}

function convexEnvSetNotice(placeholder: ConvexEnvSetCommandResult['placeholder'], key: string): string | undefined {
  switch (placeholder) {
    case 'untrusted':
      return vscode.l10n.t(
        'Copied with a `<value>` placeholder: env files are not read in an untrusted workspace. Fill in the value, then run it in a terminal in the project folder.',
      );
    case 'no-value':
      return vscode.l10n.t('Copied with a `<value>` placeholder: no local env file of this app gives {0} a value.', key);
    case 'none':
      return undefined;
  }
}

/**
 * Puts a shell command on the clipboard, quoted for the terminal's shell (the server quotes for
 * POSIX shells; PowerShell needs its own), and confirms with `notice`, which must not repeat the
 * text: it may contain a secret value.
 */
async function copyCommandText(
  text: string,
  notice = vscode.l10n.t('Copied to the clipboard. Paste it into a terminal in the project folder.'),
): Promise<void> {
  await vscode.env.clipboard.writeText(convexEnvSetCommandFor(text, commandShellOf(vscode.env.shell)));
  void vscode.window.showInformationMessage(notice);
}

/**
 * Sets `clerkToolkit.rules[ruleId] = "off"`: in the settings of the folder the finding is in when
 * the workspace has several folders, else in the workspace settings (`.vscode/settings.json`, which
 * `clerk-toolkit check` reads too), or the user settings when no folder is open.
 */
async function disableRuleInSettings(ruleId: string, folderUri: vscode.Uri | undefined): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folderUri ? vscode.workspace.getWorkspaceFolder(folderUri) : undefined;
  const target =
    folder && vscode.workspace.workspaceFile
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : folders.length > 0
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  const config = vscode.workspace.getConfiguration('clerkToolkit', folder?.uri ?? folders[0]?.uri ?? null);
  const inspected = config.inspect<Record<string, string>>('rules');
  const current =
    (target === vscode.ConfigurationTarget.WorkspaceFolder
      ? inspected?.workspaceFolderValue
      : target === vscode.ConfigurationTarget.Workspace
        ? inspected?.workspaceValue
        : inspected?.globalValue) ?? {};
  await config.update('rules', { ...current, [ruleId]: 'off' }, target);
}
