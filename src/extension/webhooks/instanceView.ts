import * as vscode from 'vscode';
import { commandIds } from '../../protocol';
import type { ClerkInstanceInfo } from '../../core/webhooks/instance';
import { untrustedText } from '../../core/untrustedText';
import { loadWebhooksCore } from '../lazyModules';
import { describeKeySource, environmentLabel } from '../secrets';
import type { Connection, WebhooksConnection } from './connection';
import { shownError } from '../errorText';
import type { WebhooksLog } from './webhooksLog';

interface InstanceRow {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly icon: string;
  readonly tooltip?: string;
  readonly command?: vscode.Command;
}

/**
 * The header of the sidebar: the Clerk instance the publishable key names (no secret needed), where
 * the secret key came from or how to set one, and `GET /v1/instance` when there is a key. A failed
 * call is a row with a Retry action, not a notification: the view loads on every window reload.
 * Empty without any instance, so the welcome view offers the key actions.
 */
export class InstanceTreeProvider implements vscode.TreeDataProvider<InstanceRow> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly connection: WebhooksConnection,
    private readonly log: WebhooksLog,
  ) {}

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
      this.changed,
      vscode.window.createTreeView('clerkToolkit.instance', { treeDataProvider: this }),
      this.connection.onDidChange(() => this.changed.fire()),
      vscode.commands.registerCommand(commandIds.refreshInstance, () => this.connection.reset()),
    );
  }

  async getChildren(row?: InstanceRow): Promise<InstanceRow[]> {
    if (row) return [];
    const instance = await this.connection.instance();
    if (!instance) return [];
    const instanceRow: InstanceRow = {
      id: 'instance',
      // Decoded from a workspace file: shown inert.
      label: untrustedText(instance.frontendApi),
      description: environmentLabel(instance),
      icon: 'server-environment',
      tooltip: vscode.l10n.t('Frontend API host, decoded from the publishable key'),
    };
    const connection = await this.connection.get();
    if (!connection) return [instanceRow, ...this.noKeyRows()];
    return [
      instanceRow,
      { id: 'key', label: vscode.l10n.t('Secret key'), description: describeKeySource(connection.key), icon: 'key' },
      await this.onlineRow(connection),
    ];
  }

  getTreeItem(row: InstanceRow): vscode.TreeItem {
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = row.id;
    item.description = row.description;
    item.iconPath = new vscode.ThemeIcon(row.icon);
    item.tooltip = row.tooltip;
    item.command = row.command;
    return item;
  }

  /** What the welcome view would offer, as rows: the instance row keeps the view from being empty. */
  private noKeyRows(): InstanceRow[] {
    const setKey: InstanceRow = {
      id: 'setKey',
      label: vscode.l10n.t('Set Secret Key…'),
      description: vscode.l10n.t('to see the instance online and its deliveries'),
      icon: 'key',
      command: { command: commandIds.setSecretKey, title: vscode.l10n.t('Set Secret Key…') },
    };
    if (!vscode.workspace.isTrusted) return [setKey];
    return [
      setKey,
      {
        id: 'useEnvKey',
        label: vscode.l10n.t('Use Key from .env.local'),
        icon: 'file',
        command: { command: commandIds.useWorkspaceEnvKey, title: vscode.l10n.t('Use Key from .env.local') },
      },
    ];
  }

  private async onlineRow(connection: Connection): Promise<InstanceRow> {
    try {
      const info: ClerkInstanceInfo = await this.log.timed(vscode.l10n.t('GET /v1/instance'), () => loadWebhooksCore().getInstance(connection.clerk), [
        connection.key.value,
      ]);
      const mismatch = info.environment !== connection.instance.instanceType;
      return {
        id: 'online',
        label: untrustedText(info.id),
        description: mismatch
          ? vscode.l10n.t('the key belongs to a {0} instance', info.environment === 'production' ? vscode.l10n.t('Production') : vscode.l10n.t('Development'))
          : vscode.l10n.t('connected'),
        icon: mismatch ? 'warning' : 'pass',
        tooltip: vscode.l10n.t('GET /v1/instance answered with this instance id'),
      };
    } catch (error) {
      const reason = shownError(error, [connection.key.value]);
      return {
        id: 'online',
        label: vscode.l10n.t('Not connected: Retry'),
        description: reason,
        icon: 'debug-disconnect',
        tooltip: reason,
        command: { command: commandIds.refreshInstance, title: vscode.l10n.t('Retry') },
      };
    }
  }
}
