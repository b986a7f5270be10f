import * as vscode from 'vscode';

/**
 * Which Clerk webhook event types the project's handlers already cover (the catalog shows a check
 * mark on them). The extension passes the diagnostics' project model; `noHandledEventTypes` serves
 * when the catalog stands alone (tests).
 */
export interface HandledEventTypesProvider {
  readonly onDidChange: vscode.Event<void>;
  handledEventTypes(): Promise<ReadonlySet<string>>;
}

export const noHandledEventTypes: HandledEventTypesProvider = {
  onDidChange: () => new vscode.Disposable(() => undefined),
  handledEventTypes: async () => new Set<string>(),
};
