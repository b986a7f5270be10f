import type * as vscode from 'vscode';

/**
 * Which Clerk webhook event types the project's handlers already cover (the catalog shows a check
 * mark on them). The diagnostics' project model provides them.
 */
export interface HandledEventTypesProvider {
  readonly onDidChange: vscode.Event<void>;
  handledEventTypes(): Promise<ReadonlySet<string>>;
}
