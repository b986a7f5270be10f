import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * Heavy parts (vscode-languageclient for the diagnostics; @clerk/backend and svix behind the
 * webhooks views) are bundled into their own files in dist/ and required on first use, so
 * activation only loads the small adapter bundle. The `typeof import` types are erased at build time.
 */
export type ClientLibrary = typeof import('./diagnostics/clientLibrary');
type WebhooksModule = typeof import('../core/webhooks');

let clientLibrary: ClientLibrary | undefined;
let webhooks: WebhooksModule | undefined;

// esbuild leaves a require of a computed path alone, so the chunk is not pulled into this bundle.
function requireChunk<T>(name: string): T {
  return require(path.join(__dirname, name)) as T;
}

export function loadClientLibrary(): ClientLibrary {
  return (clientLibrary ??= requireChunk<ClientLibrary>('languageClient.js'));
}

export function loadWebhooksCore(): WebhooksModule {
  if (!webhooks) {
    // The chunk has its own @vscode/l10n instance: hand it VS Code's translations once, on load.
    webhooks = requireChunk<WebhooksModule>('webhooks.js');
    webhooks.configureL10n(vscode.l10n.bundle);
  }
  return webhooks;
}
