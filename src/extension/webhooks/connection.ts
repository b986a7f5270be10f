import * as vscode from 'vscode';
import type { ClerkApiOptions } from '../../core/webhooks/clerkApi';
import type { TokenStore, WebhookDeliveries } from '../../core/webhooks/deliveries';
import type { SvixSession } from '../../core/webhooks/svixUrl';
import { loadWebhooksCore } from '../lazyModules';
import { activeInstance, getClerkSecretKey, onDidChangeCredentials, svixSessionId, type ClerkInstance, type ClerkSecretKey } from '../secrets';

/** One Clerk instance the views talk to, with its key and API clients. */
export interface Connection {
  instance: ClerkInstance;
  key: ClerkSecretKey;
  clerk: ClerkApiOptions;
  deliveries: WebhookDeliveries;
}

const timeoutMs = 20_000;

/**
 * Resolves the active instance's key into API clients, on demand. Keeps the
 * `clerkToolkit.hasSecretKey` context key (viewsWelcome, menus) current. In untrusted workspaces
 * it connects to nothing, as the manifest's untrusted-workspace description promises.
 */
export class WebhooksConnection {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the instance, key or API settings change; views reload. */
  readonly onDidChange = this.changed.event;
  private current: Promise<Connection | undefined> | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    context.subscriptions.push(
      this.changed,
      onDidChangeCredentials(() => this.reset()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('clerkToolkit.clerkApiUrl') || event.affectsConfiguration('clerkToolkit.svixServerUrl')) this.reset();
      }),
    );
  }

  /** The connection, or undefined when there is no key (or the workspace is untrusted). */
  get(): Promise<Connection | undefined> {
    return (this.current ??= this.connect());
  }

  /** The instance the views show, decoded from a publishable key: known without a secret key. */
  instance(): Promise<ClerkInstance | undefined> {
    return activeInstance(this.context);
  }

  reset(): void {
    this.current = undefined;
    this.changed.fire();
  }

  private async connect(): Promise<Connection | undefined> {
    const instance = await activeInstance(this.context);
    const key = vscode.workspace.isTrusted && instance ? await getClerkSecretKey(this.context, instance) : undefined;
    await vscode.commands.executeCommand('setContext', 'clerkToolkit.hasSecretKey', key !== undefined);
    if (!instance || !key) return undefined;
    const clerk: ClerkApiOptions = { secretKey: key.value, apiUrl: machineSetting('clerkApiUrl'), timeoutMs };
    const deliveries = new (loadWebhooksCore().WebhookDeliveries)({
      clerk,
      store: this.tokenStore(instance),
      svixServerUrl: machineSetting('svixServerUrl'),
    });
    return { instance, key, clerk, deliveries };
  }

  /** The Svix session is a write-capable token: SecretStorage only, one per instance. */
  private tokenStore(instance: ClerkInstance): TokenStore {
    const id = svixSessionId(instance.frontendApi);
    const { secrets } = this.context;
    return {
      get: async () => {
        const stored = await secrets.get(id);
        return stored ? (JSON.parse(stored) as SvixSession) : undefined;
      },
      set: (session) => Promise.resolve(secrets.store(id, JSON.stringify(session))),
      delete: () => Promise.resolve(secrets.delete(id)),
    };
  }
}

/**
 * Only the user (global) value counts: these URLs receive the secret key, so a workspace must not
 * be able to redirect them. The settings are also declared `"scope": "machine"`.
 */
export function machineSetting(name: 'clerkApiUrl' | 'svixServerUrl'): string | undefined {
  const value = vscode.workspace.getConfiguration('clerkToolkit').inspect<string>(name)?.globalValue?.trim();
  return value ? value : undefined;
}
