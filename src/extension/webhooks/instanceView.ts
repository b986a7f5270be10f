import * as vscode from 'vscode';
import { commandIds } from '../../protocol';
import type { ClerkInstanceInfo } from '../../core/webhooks/instance';
import { loadWebhooksCore } from '../lazyModules';
import { describeKeySource, environmentLabel } from '../secrets';
import type { Connection, WebhooksConnection } from './connection';

interface InstanceRow {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly icon: string;
  readonly tooltip?: string;
}

/**
 * The header of the sidebar: which Clerk instance the views use and where its key came from, plus
 * `GET /v1/instance` when online. Empty without a key, so the welcome view offers the key actions.
 */
export class InstanceTreeProvider implements vscode.TreeDataProvider<InstanceRow> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly connection: WebhooksConnection) {}

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
    const connection = await this.connection.get();
    if (!connection) return [];
    const { instance, key } = connection;
    return [
      {
        id: 'instance',
        label: instance.frontendApi,
        description: environmentLabel(instance),
        icon: 'server-environment',
        tooltip: vscode.l10n.t('Frontend API host, decoded from the publishable key'),
      },
      { id: 'key', label: vscode.l10n.t('Secret key'), description: describeKeySource(key), icon: 'key' },
      await this.onlineRow(connection),
    ];
  }

  getTreeItem(row: InstanceRow): vscode.TreeItem {
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = row.id;
    item.description = row.description;
    item.iconPath = new vscode.ThemeIcon(row.icon);
    item.tooltip = row.tooltip;
    return item;
  }

  private async onlineRow(connection: Connection): Promise<InstanceRow> {
    try {
      const info: ClerkInstanceInfo = await loadWebhooksCore().getInstance(connection.clerk);
      const mismatch = info.environment !== connection.instance.instanceType;
      return {
        id: 'online',
        label: info.id,
        description: mismatch
          ? vscode.l10n.t('the key belongs to a {0} instance', info.environment === 'production' ? vscode.l10n.t('Production') : vscode.l10n.t('Development'))
          : vscode.l10n.t('connected'),
        icon: mismatch ? 'warning' : 'pass',
        tooltip: vscode.l10n.t('GET /v1/instance answered with this instance id'),
      };
    } catch (error) {
      return {
        id: 'online',
        label: vscode.l10n.t('Not connected'),
        description: error instanceof Error ? error.message : String(error),
        icon: 'debug-disconnect',
      };
    }
  }
}
