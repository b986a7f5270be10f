import * as vscode from 'vscode';
import { commandIds } from '../../protocol';
import { loadWebhooksCore } from '../lazyModules';
import { registerSecretCommands } from '../secrets';
import { CatalogTreeProvider, type CatalogNode } from './catalogView';
import { WebhooksConnection } from './connection';
import { DeliveriesTreeProvider, type DeliveryNode } from './deliveriesView';
import type { HandledEventTypesProvider } from './handledEventTypes';
import { InstanceTreeProvider } from './instanceView';
import { PayloadDocuments, payloadScheme } from './payloadDocuments';
import { TestEventSender, type SendTestEventArgs } from './trigger';
import { WebhooksLog } from './webhooksLog';

/** What the webhooks feature exposes through the extension's API (integration tests read the trees). */
export interface WebhooksApi {
  readonly instance: vscode.TreeDataProvider<unknown>;
  readonly catalog: vscode.TreeDataProvider<CatalogNode>;
  readonly deliveries: vscode.TreeDataProvider<DeliveryNode>;
}

/**
 * Registers the Clerk sidebar's views and commands. Cheap by design: nothing is read, fetched or
 * loaded from `dist/webhooks.js` until a view is shown or a command runs.
 */
export function registerWebhooks(context: vscode.ExtensionContext, handledEventTypes: HandledEventTypesProvider): WebhooksApi {
  registerSecretCommands(context);
  const connection = new WebhooksConnection(context);
  const payloads = new PayloadDocuments(async (kind, id) => {
    const example = kind === 'example' ? loadWebhooksCore().findEventType(id)?.example : undefined;
    if (!example) throw new Error(vscode.l10n.t('This payload is no longer available. Open it again from the Clerk sidebar.'));
    return example;
  });
  const log = new WebhooksLog();
  const instance = new InstanceTreeProvider(connection, log);
  const catalog = new CatalogTreeProvider(handledEventTypes);
  const deliveries = new DeliveriesTreeProvider(connection, payloads, log);
  const sender = new TestEventSender(context, log);

  context.subscriptions.push(
    log,
    vscode.workspace.registerTextDocumentContentProvider(payloadScheme, payloads),
    // Tree items hand over their node; the palette and tests pass arguments (or nothing).
    vscode.commands.registerCommand(commandIds.sendTestEvent, (arg?: SendTestEventArgs | CatalogNode | DeliveryNode) => sender.send(testEventArgs(arg))),
  );
  instance.register(context);
  catalog.register(context, payloads);
  deliveries.register(context);
  return { instance, catalog, deliveries };
}

function testEventArgs(arg: SendTestEventArgs | CatalogNode | DeliveryNode | undefined): SendTestEventArgs {
  if (!arg) return {};
  if (!('kind' in arg)) return arg;
  if (arg.kind === 'event') return { eventType: arg.event.type };
  if (arg.kind === 'message') return { eventType: arg.message.eventType, body: JSON.stringify(arg.message.payload) };
  return {};
}
