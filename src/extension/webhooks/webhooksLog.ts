import * as vscode from 'vscode';
import { redactSecrets } from '../../core/redaction';
import { errorText, type KnownSecrets } from '../errorText';

/**
 * The webhooks area's log (Output › Clerk Auth Toolkit: Webhooks): what ran, how long it took, what
 * failed, and the untrusted texts (response bodies, API details) that notifications leave out. A
 * `LogOutputChannel`, so its level follows VS Code's. Every line goes through `redactSecrets` here:
 * the channel itself redacts nothing.
 */
export class WebhooksLog implements vscode.Disposable {
  private channel: vscode.LogOutputChannel | undefined;

  dispose(): void {
    this.channel?.dispose();
  }

  info(text: string, secrets: KnownSecrets = []): void {
    this.output().info(redactSecrets(text, secrets));
  }

  warn(text: string, secrets: KnownSecrets = []): void {
    this.output().warn(redactSecrets(text, secrets));
  }

  error(text: string, secrets: KnownSecrets = []): void {
    this.output().error(redactSecrets(text, secrets));
  }

  show(): void {
    this.output().show(true);
  }

  /** Runs `work`, logging `what` with its duration, or what failed (then rethrows). */
  async timed<T>(what: string, work: () => Promise<T>, secrets: KnownSecrets = []): Promise<T> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    try {
      const result = await work();
      this.info(vscode.l10n.t('{0}: done in {1} ms', what, elapsed()), secrets);
      return result;
    } catch (error) {
      this.error(vscode.l10n.t('{0}: failed after {1} ms: {2}', what, elapsed(), errorText(error)), secrets);
      throw error;
    }
  }

  private output(): vscode.LogOutputChannel {
    return (this.channel ??= vscode.window.createOutputChannel(vscode.l10n.t('Clerk Auth Toolkit: Webhooks'), { log: true }));
  }
}
