import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * Heavy parts (the TypeScript parser behind the analysis engine; @clerk/backend and svix behind the
 * webhooks views) are bundled into their own files in dist/ and required on first use, so
 * activation only loads the small adapter bundle. The `typeof import` types are erased at build time.
 */
type EngineModule = typeof import('../core/engine');
type WebhooksModule = typeof import('../core/webhooks');

let engine: EngineModule | undefined;
let webhooks: WebhooksModule | undefined;

// esbuild leaves a require of a computed path alone, so the chunk is not pulled into this bundle.
// Each chunk has its own @vscode/l10n instance: hand it VS Code's translations once, on load.
function requireChunk<T extends { configureL10n: (contents: typeof vscode.l10n.bundle) => void }>(name: string): T {
  const chunk = require(path.join(__dirname, name)) as T;
  chunk.configureL10n(vscode.l10n.bundle);
  return chunk;
}

export function loadEngine(): EngineModule {
  return (engine ??= requireChunk<EngineModule>('engine.js'));
}

export function loadWebhooksCore(): WebhooksModule {
  return (webhooks ??= requireChunk<WebhooksModule>('webhooks.js'));
}
