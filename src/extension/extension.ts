import * as vscode from 'vscode';
import { registerDiagnostics, type DiagnosticsApi } from './diagnostics';
import { registerSnippetCompletions } from './snippets/provider';
import { walkthroughCommands } from './walkthrough/ids';
import { registerWalkthrough } from './walkthrough';
import { registerWebhooks, type WebhooksApi } from './webhooks';

/** What the extension exports: integration tests read it through `extension.activate()`. */
export interface ClerkToolkitApi {
  /** Milliseconds `activate` took. */
  activationMs: number;
  /** The language server's analyses and client state. */
  diagnostics: DiagnosticsApi;
  /** The webhooks sidebar's tree providers, so integration tests can read the trees. */
  webhooks: WebhooksApi;
  /** Where VS Code writes the log files of this extension's log output channels (tests read them). */
  logUri: vscode.Uri;
}

/** Stops the language server on deactivation; VS Code waits for the returned promise. */
let stopDiagnostics: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): ClerkToolkitApi {
  const started = performance.now();
  // Each feature registers cheap listeners and providers only; real work starts after activation.
  const diagnostics = registerDiagnostics(context);
  stopDiagnostics = diagnostics.stop;
  const webhooks = registerWebhooks(context, diagnostics.handledEventTypes);
  registerWalkthrough(context);
  context.subscriptions.push(registerSnippetCompletions(context, walkthroughCommands.snippetInserted));
  return { activationMs: performance.now() - started, diagnostics: diagnostics.api, webhooks, logUri: context.logUri };
}

export function deactivate(): Promise<void> | undefined {
  return stopDiagnostics?.();
}
