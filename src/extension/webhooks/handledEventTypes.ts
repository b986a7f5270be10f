import * as vscode from 'vscode';

/**
 * Which Clerk webhook event types the project's handlers already cover (the catalog shows a check
 * mark on them). The diagnostics' project model is the natural source; until it is wired in, the
 * catalog uses `noHandledEventTypes`.
 */
export interface HandledEventTypesProvider {
  readonly onDidChange: vscode.Event<void>;
  handledEventTypes(): Promise<ReadonlySet<string>>;
}

export const noHandledEventTypes: HandledEventTypesProvider = {
  onDidChange: () => new vscode.Disposable(() => undefined),
  handledEventTypes: async () => new Set<string>(),
};
