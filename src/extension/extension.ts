import * as vscode from 'vscode';
import { registerDiagnostics } from './diagnostics';
import { registerWebhooks, type WebhooksApi } from './webhooks';

/** Milliseconds `activate` took, exposed to tests through the extension's exports. */
export interface ClerkToolkitApi {
  activationMs: number;
  /** The webhooks sidebar's tree providers, so integration tests can read the trees. */
  webhooks: WebhooksApi;
}

export function activate(context: vscode.ExtensionContext): ClerkToolkitApi {
  const started = performance.now();
  // Each feature registers cheap listeners and providers only; real work starts on first use.
  const handledEventTypes = registerDiagnostics(context);
  const webhooks = registerWebhooks(context, handledEventTypes);
  return { activationMs: performance.now() - started, webhooks };
}

export function deactivate(): void {
  // Disposables registered on the context are disposed by VS Code.
}
