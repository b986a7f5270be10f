import * as vscode from 'vscode';
import { commandIds } from '../../protocol';
import type { ClerkWebhookEventSpec, ClerkWebhookGroup } from '../../core/webhooks/catalog.generated';
import { handlerCase } from '../../core/webhooks/presentation';
import { loadWebhooksCore } from '../lazyModules';
import type { HandledEventTypesProvider } from './handledEventTypes';
import { PayloadDocuments } from './payloadDocuments';

export type CatalogNode = { readonly kind: 'group'; readonly group: ClerkWebhookGroup } | { readonly kind: 'event'; readonly event: ClerkWebhookEventSpec };

/** Every Clerk webhook event type, grouped, from the generated catalog (works offline, without a key). */
export class CatalogTreeProvider implements vscode.TreeDataProvider<CatalogNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private handled: ReadonlySet<string> = new Set();

  constructor(private readonly handledProvider: HandledEventTypesProvider) {}

  register(context: vscode.ExtensionContext, payloads: PayloadDocuments): void {
    context.subscriptions.push(
      this.changed,
      vscode.window.createTreeView('clerkToolkit.catalog', { treeDataProvider: this, showCollapseAll: true }),
      this.handledProvider.onDidChange(() => this.changed.fire()),
      vscode.commands.registerCommand(commandIds.openEventExample, (node?: CatalogNode) =>
        node?.kind === 'event' ? payloads.open('example', node.event.type, node.event.example) : undefined,
      ),
      vscode.commands.registerCommand(commandIds.copyHandlerCase, async (node?: CatalogNode) => {
        if (node?.kind !== 'event') return;
        await vscode.env.clipboard.writeText(handlerCase(node.event.type));
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied a case for {0}', node.event.type), 3000);
      }),
    );
  }

  async getChildren(node?: CatalogNode): Promise<CatalogNode[]> {
    const groups = loadWebhooksCore().catalogByGroup();
    if (!node) {
      this.handled = await this.handledProvider.handledEventTypes();
      return groups.map(({ group }) => ({ kind: 'group', group }));
    }
    if (node.kind === 'event') return [];
    return (groups.find(({ group }) => group === node.group)?.events ?? []).map((event) => ({ kind: 'event', event }));
  }

  getTreeItem(node: CatalogNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(loadWebhooksCore().groupLabel(node.group), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `group:${node.group}`;
      item.contextValue = 'clerkEventGroup';
      return item;
    }
    const { event } = node;
    const handled = this.handled.has(event.type);
    const item = new vscode.TreeItem(event.type, vscode.TreeItemCollapsibleState.None);
    item.id = `event:${event.type}`;
    item.description = event.description;
    item.tooltip = new vscode.MarkdownString(
      `**${event.type}**\n\n${event.description}\n\n${handled ? vscode.l10n.t('Handled in this project.') : vscode.l10n.t('Not handled in this project yet.')}`,
    );
    item.iconPath = handled ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('symbol-event');
    item.contextValue = handled ? 'clerkEvent.handled' : 'clerkEvent';
    item.command = { command: commandIds.openEventExample, title: vscode.l10n.t('Open Example Payload'), arguments: [node] };
    return item;
  }
}
