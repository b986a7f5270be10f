import * as vscode from 'vscode';
import type { JwtTemplateInfo } from '../../core/model';
import { loadWebhooksCore } from '../lazyModules';
import { machineSetting } from '../webhooks/connection';
import { activeInstance, getClerkSecretKey, onDidChangeCredentials } from '../secrets';
import { redactSecrets } from '../../core/redaction';
import { errorText, shownError } from '../errorText';
import { FailureNotices } from './failureNotices';

const timeoutMs = 15_000;

/**
 * The online half of `convex-jwt-template-mismatch`: the Clerk instance's JWT templates, fetched
 * once with the secret key from SecretStorage (or the consented workspace env) and cached until
 * the key, the setting or the API URL changes, or the user re-analyses. Never in untrusted
 * workspaces. A failure degrades to the offline result with one notice per failure streak.
 * No template named `convex` is not a problem: Clerk's native Convex integration puts
 * `aud: "convex"` in the session token (the API cannot tell whether it is active), so the rule
 * stays silent and the `applicationID` hover explains it.
 */
export class OnlineCheck implements vscode.Disposable {
  private templates: Promise<JwtTemplateInfo[] | undefined> | undefined;
  private readonly notices = new FailureNotices();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when cached templates are dropped: the owner asks again with `get()`. */
  readonly onDidReset = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables = [
      this.changed,
      onDidChangeCredentials(() => this.reset()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reset()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('clerkToolkit.onlineCheck.enable') || event.affectsConfiguration('clerkToolkit.clerkApiUrl')) this.reset();
      }),
    ];
  }

  get enabled(): boolean {
    return vscode.workspace.isTrusted && vscode.workspace.getConfiguration('clerkToolkit').get<boolean>('onlineCheck.enable', false);
  }

  /** The templates, or undefined when the check is off, has no key, or failed. */
  get(): Promise<JwtTemplateInfo[] | undefined> {
    if (!this.enabled) return Promise.resolve(undefined);
    return (this.templates ??= this.fetch());
  }

  reset(): void {
    this.templates = undefined;
    this.changed.fire();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private async fetch(): Promise<JwtTemplateInfo[] | undefined> {
    // Taken before the first await: a reset while this request is in flight starts a newer one.
    const ticket = this.notices.start();
    const instance = await activeInstance(this.context);
    const key = instance ? await getClerkSecretKey(this.context, instance) : undefined;
    if (!key) {
      this.log.info(vscode.l10n.t('Online JWT template check: no Clerk secret key for this workspace; offline result only.'));
      return undefined;
    }
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    try {
      const { fetchJwtTemplates } = loadWebhooksCore();
      const templates = await fetchJwtTemplates({ secretKey: key.value, apiUrl: machineSetting('clerkApiUrl'), timeoutMs });
      this.notices.succeeded(ticket);
      this.log.info(vscode.l10n.t('Online JWT template check: {0} template(s) from {1} in {2} ms.', templates.length, instance?.frontendApi ?? '', elapsed()));
      if (!templates.some((template) => template.name === 'convex')) {
        this.log.info(vscode.l10n.t('No JWT template named "convex": fine when Clerk\'s Convex integration is active (session tokens carry aud "convex").'));
      }
      return templates.map((template) => ({ name: template.name, claims: { ...template.claims } }));
    } catch (error) {
      // API details are untrusted: redacted in the log, also made inert in the notification.
      this.log.warn(redactSecrets(vscode.l10n.t('Online JWT template check failed after {0} ms: {1}', elapsed(), errorText(error)), [key.value]));
      if (this.notices.failed(ticket)) {
        const retry = vscode.l10n.t('Retry');
        void vscode.window
          .showWarningMessage(
            vscode.l10n.t(
              'Clerk Auth Toolkit could not list the JWT templates of your Clerk instance ({0}). Diagnostics show the offline result; run "Clerk: Re-analyze Project" to retry.',
              shownError(error, [key.value]),
            ),
            retry,
          )
          .then((answer) => answer === retry && this.reset());
      }
      // Cached like a result: retrying on every keystroke would hammer the API; re-analysis retries.
      return undefined;
    }
  }
}
