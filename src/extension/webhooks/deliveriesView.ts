import * as vscode from 'vscode';
import { commandIds } from '../../protocol';
import type { DeliveryMessage, DeliveryStatus, EndpointOut, MessageAttemptOut } from '../../core/webhooks/deliveries';
import type { WebhooksError } from '../../core/webhooks/errors';
import { clerkDashboardWebhooksUrl } from '../../core/webhooks/presentation';
import { untrustedText } from '../../core/untrustedText';
import { loadWebhooksCore } from '../lazyModules';
import type { Connection, WebhooksConnection } from './connection';
import { PayloadDocuments } from './payloadDocuments';
import { shownError } from '../errorText';
import type { WebhooksLog } from './webhooksLog';

export type DeliveryNode =
  | { readonly kind: 'endpoints'; readonly endpoints: readonly EndpointOut[] }
  | { readonly kind: 'endpoint'; readonly endpoint: EndpointOut }
  | { readonly kind: 'message'; readonly message: DeliveryMessage }
  | { readonly kind: 'attempt'; readonly message: DeliveryMessage; readonly attempt: MessageAttemptOut }
  | { readonly kind: 'loadMore' }
  /** A failed load: the (redacted, inert) reason; choosing it retries. */
  | { readonly kind: 'failure'; readonly id: string; readonly reason: string }
  /** Offered under a failure that is not transient: the Svix portal shows the deliveries instead. */
  | { readonly kind: 'openPortal' };

const pageSize = 25;

function statusIcon(status: DeliveryStatus | undefined): vscode.ThemeIcon {
  switch (status) {
    case 'success':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'fail':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'pending':
      return new vscode.ThemeIcon('clock');
    case 'sending':
      return new vscode.ThemeIcon('sync');
    case 'canceled':
      return new vscode.ThemeIcon('circle-slash');
    case undefined:
      return new vscode.ThemeIcon('circle-outline');
  }
}

function statusLabel(status: DeliveryStatus | undefined): string {
  switch (status) {
    case 'success':
      return vscode.l10n.t('delivered');
    case 'fail':
      return vscode.l10n.t('failed');
    case 'pending':
      return vscode.l10n.t('pending');
    case 'sending':
      return vscode.l10n.t('sending');
    case 'canceled':
      return vscode.l10n.t('canceled');
    case undefined:
      return vscode.l10n.t('not attempted');
  }
}

/**
 * Recent webhook deliveries of the active instance (experimental: reaching them needs Svix's
 * undocumented one-time-token exchange). Messages newest first, a "Load more" row while Svix has
 * more, attempts as children. A failed load is a row that retries (plus the Svix portal when an
 * undocumented step broke), never a notification: the view loads on every window reload. Every
 * text from Clerk or Svix is shown through `untrustedText`; details go to the log.
 */
export class DeliveriesTreeProvider implements vscode.TreeDataProvider<DeliveryNode> {
  private readonly changed = new vscode.EventEmitter<DeliveryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private view: vscode.TreeView<DeliveryNode> | undefined;
  private messages: DeliveryMessage[] = [];
  private endpoints: readonly EndpointOut[] = [];
  private iterator: string | null = null;
  private done = true;
  private loaded = false;
  private eventTypes: string[] = [];
  /** Rows of the last failed load, shown until a refresh. */
  private failure: DeliveryNode[] | undefined;
  /** The page request in flight: VS Code may ask for the root again before it answers. */
  private loading: Promise<boolean> | undefined;
  /** Bumped by refresh(), so a page that arrives after it is dropped. */
  private generation = 0;
  /** Aborted by refresh(): a load nobody waits for any more closes its sockets. */
  private abort = new AbortController();

  constructor(
    private readonly connection: WebhooksConnection,
    private readonly payloads: PayloadDocuments,
    private readonly log: WebhooksLog,
  ) {}

  register(context: vscode.ExtensionContext): void {
    this.view = vscode.window.createTreeView('clerkToolkit.deliveries', { treeDataProvider: this, showCollapseAll: true });
    context.subscriptions.push(
      this.changed,
      this.view,
      this.connection.onDidChange(() => this.refresh()),
      vscode.commands.registerCommand(commandIds.refreshDeliveries, () => this.refresh()),
      vscode.commands.registerCommand(commandIds.filterDeliveries, () => this.pickFilter()),
      vscode.commands.registerCommand(commandIds.loadMoreDeliveries, () => this.loadMore()),
      vscode.commands.registerCommand(commandIds.openDeliveryPayload, (node?: DeliveryNode) =>
        node?.kind === 'message' ? this.payloads.open('delivery', node.message.id, node.message.payload) : undefined,
      ),
      vscode.commands.registerCommand(commandIds.openAttemptResponse, (node?: DeliveryNode) =>
        node?.kind === 'attempt' ? this.payloads.open('attempt', node.attempt.id, attemptSummary(node.attempt)) : undefined,
      ),
      vscode.commands.registerCommand(commandIds.copyDeliveryPayload, async (node?: DeliveryNode) => {
        if (node?.kind !== 'message') return;
        await vscode.env.clipboard.writeText(JSON.stringify(node.message.payload, null, 2));
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the payload of {0}', untrustedText(node.message.id)), 3000);
      }),
      vscode.commands.registerCommand(commandIds.resendDelivery, (node?: DeliveryNode) => this.resend(node)),
      vscode.commands.registerCommand(commandIds.openClerkDashboard, () => vscode.env.openExternal(vscode.Uri.parse(clerkDashboardWebhooksUrl))),
      vscode.commands.registerCommand(commandIds.openSvixPortal, () => this.openPortal()),
      vscode.commands.registerCommand(commandIds.createSvixApp, () => this.createSvixApp()),
    );
  }

  refresh(): void {
    this.messages = [];
    this.endpoints = [];
    this.iterator = null;
    this.done = true;
    this.loaded = false;
    this.failure = undefined;
    this.loading = undefined;
    this.generation++;
    this.abort.abort();
    this.abort = new AbortController();
    this.changed.fire(undefined);
  }

  async getChildren(node?: DeliveryNode): Promise<DeliveryNode[]> {
    if (node?.kind === 'endpoints') return node.endpoints.map((endpoint) => ({ kind: 'endpoint', endpoint }));
    if (node?.kind === 'message') return this.attemptsOf(node.message);
    if (node) return [];
    if (!vscode.workspace.isTrusted) {
      this.setMessage(vscode.l10n.t('Deliveries are not loaded in untrusted workspaces.'));
      return [];
    }
    const generation = this.generation;
    const connection = await this.connection.get();
    // A refresh while the connection resolved (new key or API URL): this answer would load through
    // the old connection into the new state. The refresh asks for the root again.
    if (generation !== this.generation) return [];
    if (!connection) {
      this.setMessage(undefined);
      return [];
    }
    if (!this.loaded && !this.failure) await this.nextPage(connection);
    const rows: DeliveryNode[] = [];
    if (this.endpoints.length > 0) rows.push({ kind: 'endpoints', endpoints: this.endpoints });
    rows.push(...this.messages.map((message): DeliveryNode => ({ kind: 'message', message })));
    // A failed page (the first or a later one) ends the list with its rows; "Load more" retries otherwise.
    if (this.failure) rows.push(...this.failure);
    else if (!this.done) rows.push({ kind: 'loadMore' });
    return rows;
  }

  getTreeItem(node: DeliveryNode): vscode.TreeItem {
    switch (node.kind) {
      case 'endpoints': {
        const item = new vscode.TreeItem(vscode.l10n.t('Endpoints ({0})', node.endpoints.length), vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('plug');
        item.id = 'endpoints';
        return item;
      }
      case 'endpoint': {
        const { endpoint } = node;
        const item = new vscode.TreeItem(untrustedText(endpoint.url), vscode.TreeItemCollapsibleState.None);
        item.id = `endpoint:${endpoint.id}`;
        item.description = endpoint.disabled ? vscode.l10n.t('disabled') : untrustedText(endpoint.description ?? '') || undefined;
        item.iconPath = new vscode.ThemeIcon(endpoint.disabled ? 'debug-disconnect' : 'link');
        item.tooltip = inertTooltip([endpoint.url, endpoint.id, endpoint.description ?? '']);
        return item;
      }
      case 'message': {
        const { message } = node;
        const item = new vscode.TreeItem(untrustedText(message.eventType), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `message:${message.id}`;
        item.description = `${message.timestamp.toLocaleString()} · ${statusLabel(message.status)}`;
        item.iconPath = statusIcon(message.status);
        item.tooltip = inertTooltip([message.eventType, message.id, message.timestamp.toISOString(), statusLabel(message.status)]);
        item.contextValue = 'clerkDelivery';
        item.command = { command: commandIds.openDeliveryPayload, title: vscode.l10n.t('Open Payload'), arguments: [node] };
        return item;
      }
      case 'attempt': {
        const { attempt } = node;
        const item = new vscode.TreeItem(untrustedText(attempt.url), vscode.TreeItemCollapsibleState.None);
        item.id = `attempt:${node.message.id}:${attempt.id}`;
        const trigger = attempt.triggerType === 1 ? vscode.l10n.t('manual') : vscode.l10n.t('scheduled');
        item.description = `HTTP ${attempt.responseStatusCode} · ${attempt.timestamp.toLocaleString()} · ${trigger}`;
        item.iconPath = statusIcon(attempt.statusText as DeliveryStatus);
        // Inert text has no backticks left, so the response cannot close the fence.
        item.tooltip = inertTooltip([attempt.url, `HTTP ${attempt.responseStatusCode} · ${attempt.responseDurationMs} ms · ${trigger}`]).appendCodeblock(
          untrustedText(attempt.response, 500),
          'text',
        );
        item.contextValue = 'clerkDeliveryAttempt';
        item.command = { command: commandIds.openAttemptResponse, title: vscode.l10n.t('Open Attempt Response'), arguments: [node] };
        return item;
      }
      case 'loadMore': {
        const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
        item.id = 'loadMore';
        item.command = { command: commandIds.loadMoreDeliveries, title: vscode.l10n.t('Load More Deliveries') };
        return item;
      }
      case 'failure': {
        const item = new vscode.TreeItem(node.reason, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = vscode.l10n.t('Retry');
        item.tooltip = node.reason;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
        item.command = { command: commandIds.refreshDeliveries, title: vscode.l10n.t('Retry') };
        return item;
      }
      case 'openPortal': {
        const item = new vscode.TreeItem(vscode.l10n.t('Open the Svix portal in the browser instead'), vscode.TreeItemCollapsibleState.None);
        item.id = 'openPortal';
        item.iconPath = new vscode.ThemeIcon('link-external');
        item.command = { command: commandIds.openSvixPortal, title: vscode.l10n.t('Open Svix Portal') };
        return item;
      }
    }
  }

  private nextPage(connection: Connection): Promise<boolean> {
    if (!this.loading) {
      const loading: Promise<boolean> = this.loadPage(connection).finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  /** Loads the next page (and the endpoints with the first one); false when it failed. */
  private async loadPage(connection: Connection): Promise<boolean> {
    const generation = this.generation;
    const { signal } = this.abort;
    try {
      const [page, endpoints] = await vscode.window.withProgress(
        { location: { viewId: 'clerkToolkit.deliveries' }, title: vscode.l10n.t('Loading deliveries…') },
        () =>
          this.log.timed(
            vscode.l10n.t('List deliveries'),
            () =>
              Promise.all([
                connection.deliveries.listMessages({
                  limit: pageSize,
                  iterator: this.iterator,
                  eventTypes: this.eventTypes.length ? this.eventTypes : undefined,
                  signal,
                }),
                this.loaded ? Promise.resolve(this.endpoints) : connection.deliveries.listEndpoints(),
              ]),
            [connection.key.value],
          ),
      );
      if (generation !== this.generation) return false;
      this.failure = undefined;
      this.messages.push(...page.items);
      this.endpoints = endpoints;
      this.iterator = page.iterator;
      this.done = page.done;
      this.loaded = true;
      await vscode.commands.executeCommand('setContext', 'clerkToolkit.svixAppMissing', false);
      this.setMessage(
        this.messages.length > 0
          ? undefined
          : this.eventTypes.length > 0
            ? // Said apart from the unfiltered case, or a forgotten filter reads as "Clerk sent nothing".
              vscode.l10n.t('No deliveries of the filtered event types in the last 90 days. Use the filter action to show all.')
            : vscode.l10n.t('No deliveries in the last 90 days.'),
      );
      return true;
    } catch (error) {
      if (generation === this.generation) this.failure = await this.failureRows(error, connection, 'failure');
      return false;
    }
  }

  private async loadMore(): Promise<void> {
    const generation = this.generation;
    const connection = await this.connection.get();
    if (!connection || generation !== this.generation) return;
    await this.nextPage(connection);
    // Either the next page or the failure rows.
    this.changed.fire(undefined);
  }

  private async attemptsOf(message: DeliveryMessage): Promise<DeliveryNode[]> {
    const connection = await this.connection.get();
    if (!connection) return [];
    try {
      const page = await this.log.timed(vscode.l10n.t('List the attempts of {0}', message.id), () => connection.deliveries.listAttempts(message.id), [
        connection.key.value,
      ]);
      return page.items.map((attempt) => ({ kind: 'attempt', message, attempt }));
    } catch (error) {
      return this.failureRows(error, connection, `failure:${message.id}`);
    }
  }

  private async pickFilter(): Promise<void> {
    const picked = await vscode.window.showQuickPick(
      loadWebhooksCore().clerkWebhookCatalog.map((event) => ({ label: event.type, picked: this.eventTypes.includes(event.type) })),
      { canPickMany: true, title: vscode.l10n.t('Show deliveries of these event types (none: all)') },
    );
    if (!picked) return;
    this.eventTypes = picked.map((item) => item.label);
    if (this.view) this.view.description = this.eventTypes.length ? vscode.l10n.t('Filtered: {0}', this.eventTypes.join(', ')) : undefined;
    this.refresh();
  }

  private async resend(node: DeliveryNode | undefined): Promise<void> {
    if (node?.kind !== 'message' && node?.kind !== 'attempt') return;
    const connection = await this.connection.get();
    if (!connection) return;
    try {
      const endpointId = node.kind === 'attempt' ? node.attempt.endpointId : await this.pickEndpointOf(connection, node.message);
      if (!endpointId) return;
      const endpointUrl = this.endpoints.find((endpoint) => endpoint.id === endpointId)?.url ?? endpointId;
      const resend = vscode.l10n.t('Resend');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Resend {0} ({1}) to {2}?', untrustedText(node.message.eventType), untrustedText(node.message.id), untrustedText(endpointUrl)),
        { modal: true, detail: vscode.l10n.t('Svix delivers the message again; the endpoint processes it once more.') },
        resend,
      );
      if (answer !== resend) return;
      const shownId = untrustedText(node.message.id);
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Resending {0}…', shownId) }, () =>
        this.log.timed(vscode.l10n.t('Resend {0} to {1}', node.message.id, endpointId), () => connection.deliveries.resend(node.message.id, endpointId), [
          connection.key.value,
        ]),
      );
      void vscode.window.showInformationMessage(vscode.l10n.t('Resend of {0} queued.', shownId));
      // Re-render from the cached page; the message's attempts reload with the new one.
      this.changed.fire(undefined);
    } catch (error) {
      void vscode.window.showErrorMessage(shownError(error, [connection.key.value]));
    }
  }

  private async pickEndpointOf(connection: Connection, message: DeliveryMessage): Promise<string | undefined> {
    const attempts = (
      await this.log.timed(vscode.l10n.t('List the attempts of {0}', message.id), () => connection.deliveries.listAttempts(message.id), [connection.key.value])
    ).items;
    const ids = [...new Set(attempts.map((attempt) => attempt.endpointId))];
    if (ids.length <= 1) return ids[0] ?? (await this.pickFromAll());
    const picked = await vscode.window.showQuickPick(
      ids.map((id) => ({ label: untrustedText(this.endpoints.find((endpoint) => endpoint.id === id)?.url ?? id), id })),
      { title: vscode.l10n.t('Resend to which endpoint?') },
    );
    return picked?.id;
  }

  private async pickFromAll(): Promise<string | undefined> {
    if (this.endpoints.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('This Clerk instance has no webhook endpoints to resend to. Add one in the Clerk dashboard.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      this.endpoints.map((endpoint) => ({ label: untrustedText(endpoint.url), id: endpoint.id })),
      { title: vscode.l10n.t('Resend to which endpoint?') },
    );
    return picked?.id;
  }

  /** Opens a freshly minted App Portal URL (the first one may have been used up by the token exchange). */
  async openPortal(reason?: string): Promise<void> {
    const connection = await this.connection.get();
    if (!connection) {
      void vscode.commands.executeCommand(commandIds.setSecretKey);
      return;
    }
    try {
      const url = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Opening the Svix portal…') }, () =>
        this.log.timed(vscode.l10n.t('Mint a Svix portal URL'), () => loadWebhooksCore().generateSvixUrl(connection.clerk), [connection.key.value]),
      );
      await vscode.env.openExternal(vscode.Uri.parse(url, true));
      if (reason) void vscode.window.showInformationMessage(reason);
    } catch (error) {
      void vscode.window.showErrorMessage(shownError(error, [connection.key.value]));
    }
  }

  private async createSvixApp(): Promise<void> {
    const connection = await this.connection.get();
    if (!connection) return;
    const create = vscode.l10n.t('Create');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Create a webhooks (Svix) app for {0}?', untrustedText(connection.instance.frontendApi)),
      {
        modal: true,
        detail: vscode.l10n.t('This changes the Clerk instance: it enables webhooks, as the Clerk dashboard does on first visit to its Webhooks page.'),
      },
      create,
    );
    if (answer !== create) return;
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating the webhooks app…') }, () =>
        this.log.timed(vscode.l10n.t('Create the Svix app'), () => loadWebhooksCore().createSvixApp(connection.clerk), [connection.key.value]),
      );
      this.refresh();
    } catch (error) {
      void vscode.window.showErrorMessage(shownError(error, [connection.key.value]));
    }
  }

  /**
   * The rows that stand for a failed load: the reason (choosing it retries) and, when an
   * undocumented step broke rather than the network or the service, the Svix portal instead. A
   * missing Svix app is no row: the welcome view offers to create it.
   */
  private async failureRows(error: unknown, connection: Connection, id: string): Promise<DeliveryNode[]> {
    const kind = (error as Partial<WebhooksError>).kind;
    await vscode.commands.executeCommand('setContext', 'clerkToolkit.svixAppMissing', kind === 'svixAppMissing');
    this.setMessage(undefined);
    if (kind === 'svixAppMissing') return [];
    const transient = kind === 'offline' || kind === 'timeout' || kind === 'rateLimited' || kind === 'server';
    const failure: DeliveryNode = { kind: 'failure', id, reason: shownError(error, [connection.key.value]) };
    return transient ? [failure] : [failure, { kind: 'openPortal' }];
  }

  private setMessage(message: string | undefined): void {
    if (this.view) this.view.message = message;
  }
}

/** What the attempt detail document shows: timing and the endpoint's response, no headers. */
function attemptSummary(attempt: MessageAttemptOut): Record<string, unknown> {
  return {
    url: attempt.url,
    status: attempt.statusText,
    responseStatusCode: attempt.responseStatusCode,
    responseDurationMs: attempt.responseDurationMs,
    trigger: attempt.triggerType === 1 ? 'manual' : 'scheduled',
    timestamp: attempt.timestamp.toISOString(),
    response: attempt.response,
  };
}

/** A tooltip of untrusted fields, one per line, each made inert (and Markdown-escaped by `appendText`). */
function inertTooltip(lines: readonly string[]): vscode.MarkdownString {
  return new vscode.MarkdownString().appendText(lines.map((line) => untrustedText(line)).join('\n'));
}
