import * as vscode from 'vscode';
import { untrustedText } from '../../core/untrustedText';

export const payloadScheme = 'clerk-webhook';

/** Event examples, delivered payloads, and attempt responses. */
export type PayloadKind = 'example' | 'delivery' | 'attempt';

/** Finds the JSON for a payload URI again, e.g. when VS Code restores an editor after a reload. */
export type PayloadResolver = (kind: string, id: string) => Promise<unknown>;

/**
 * Read-only JSON documents for event examples (`clerk-webhook:/example/user.created.json`) and
 * delivered payloads (`clerk-webhook:/delivery/msg_….json`). Virtual documents cannot be edited
 * or saved, which is exactly right for data that came from Clerk.
 */
export class PayloadDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();

  constructor(private readonly resolve: PayloadResolver) {}

  /** The id names the editor tab: ids from Clerk or Svix are made inert and kept to one path segment. */
  static uri(kind: PayloadKind, id: string): vscode.Uri {
    return vscode.Uri.from({ scheme: payloadScheme, path: `/${kind}/${untrustedText(id, 100).replace(/[/\\%?#]/g, '_')}.json` });
  }

  async open(kind: PayloadKind, id: string, payload: unknown): Promise<vscode.TextEditor> {
    const uri = PayloadDocuments.uri(kind, id);
    this.contents.set(uri.toString(), JSON.stringify(payload, null, 2));
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(document, 'json'), { preview: true });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const known = this.contents.get(uri.toString());
    if (known !== undefined) return known;
    const [, kind, file] = uri.path.split('/');
    const text = JSON.stringify(await this.resolve(kind, file.replace(/\.json$/, '')), null, 2);
    this.contents.set(uri.toString(), text);
    return text;
  }
}
