import * as vscode from 'vscode';
import type { WebhooksError } from '../../core/webhooks/errors';
import type { TestEventResponse } from '../../core/webhooks/signing';
import { isLoopbackUrl } from '../../core/webhooks/presentation';
import { untrustedText } from '../../core/untrustedText';
import { loadWebhooksCore } from '../lazyModules';
import { findSigningSecret, findWebhookTargets } from './webhookTargets';
import { errorText, shownError } from '../errorText';
import type { WebhooksLog } from './webhooksLog';

/**
 * "Send Test Event": a correctly signed Clerk event POSTed to the developer's own route (like
 * `stripe trigger`). The signing secret is used only to sign; it is never shown or logged. The
 * app's reply is untrusted: its body goes to the log only, notifications say what happened.
 */

/** Arguments the command accepts instead of asking (tree items pass `eventType` or `body`; tests pass all). */
export interface SendTestEventArgs {
  eventType?: string;
  /** Exact bytes to send, e.g. a delivered payload. */
  body?: string;
  url?: string;
  signingSecret?: string;
}

const targetStateKey = 'clerkToolkit.webhookTargetUrl';
const timeoutMs = 15_000;
/** The log shows this much of a response body; the rest is cut with a note. */
const maxBodyChars = 8_000;

export class TestEventSender {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: WebhooksLog,
  ) {}

  /** Runs the whole flow; returns the app's response, or undefined when cancelled or failed. */
  async send(args: SendTestEventArgs): Promise<TestEventResponse | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Test events are not sent from untrusted workspaces.'));
      return undefined;
    }
    const eventType = args.body === undefined ? (args.eventType ?? (await this.pickEventType())) : args.eventType;
    if (args.body === undefined && !eventType) return undefined;
    const body = args.body ?? (await this.payloadFor(eventType!, args));
    if (body === undefined) return undefined;
    const target = args.url ? { url: args.url, appFolder: undefined } : await this.pickTarget();
    if (!target) return undefined;
    if (!isLoopbackUrl(target.url) && !(await this.confirmRemote(target.url))) return undefined;
    const secret = args.signingSecret ?? (await this.signingSecret(target.appFolder));
    if (!secret) return undefined;
    await this.context.workspaceState.update(targetStateKey, target.url);

    // URLs come from the workspace or the user: shown inert, like anything not written by this extension.
    const shownUrl = untrustedText(target.url);
    const what = vscode.l10n.t('POST {0} ({1})', target.url, eventType ?? vscode.l10n.t('delivered payload'));
    try {
      const response = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: eventType ? vscode.l10n.t('Sending {0} to {1}…', untrustedText(eventType), shownUrl) : vscode.l10n.t('Sending the payload to {0}…', shownUrl),
          cancellable: true,
        },
        (_progress, cancellation) => {
          // Cancelling closes the socket; the deadline does the same for an app that never answers.
          const abort = new AbortController();
          cancellation.onCancellationRequested(() => abort.abort());
          return this.log.timed(what, () => loadWebhooksCore().sendTestEvent({ url: target.url, secret, body, timeoutMs, signal: abort.signal }), [secret]);
        },
      );
      this.report(response, shownUrl, secret);
      return response;
    } catch (error) {
      if ((error as Partial<WebhooksError>).kind !== 'cancelled') void this.showWithLog('error', shownError(error, [secret]));
      return undefined;
    }
  }

  private async pickEventType(): Promise<string | undefined> {
    const { clerkWebhookCatalog } = loadWebhooksCore();
    const picked = await vscode.window.showQuickPick(
      clerkWebhookCatalog.map((event) => ({ label: event.type, description: event.description })),
      // The send is several steps: a click elsewhere (copying a URL, the walkthrough re-rendering) must not end it.
      { title: vscode.l10n.t('Send a signed test event'), placeHolder: vscode.l10n.t('Event type'), matchOnDescription: true, ignoreFocusOut: true },
    );
    return picked?.label;
  }

  /** The example envelope as is, or after editing it in an untitled JSON document. */
  private async payloadFor(eventType: string, args: SendTestEventArgs): Promise<string | undefined> {
    const example = JSON.stringify(loadWebhooksCore().buildTestEnvelope(eventType), null, 2);
    // Fully specified calls (tests, automation) send the example without asking.
    if (args.url && args.signingSecret) return example;
    const useExample = vscode.l10n.t('Send the example payload');
    const edit = vscode.l10n.t('Edit the payload first…');
    const choice = await vscode.window.showQuickPick([useExample, edit], { title: vscode.l10n.t('Payload for {0}', eventType), ignoreFocusOut: true });
    if (choice === useExample) return example;
    if (choice !== edit) return undefined;
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: example });
    await vscode.window.showTextDocument(document);
    const send = vscode.l10n.t('Send');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Edit the {0} payload, then choose Send.', eventType), send);
    if (answer !== send) return undefined;
    const text = document.getText();
    try {
      JSON.parse(text);
    } catch (error) {
      // V8 quotes part of the text in its message.
      void vscode.window.showErrorMessage(vscode.l10n.t('The payload is not valid JSON: {0}', untrustedText(errorText(error))));
      return undefined;
    }
    return text;
  }

  private async pickTarget(): Promise<{ url: string; appFolder: vscode.Uri | undefined } | undefined> {
    const remembered = this.context.workspaceState.get<string>(targetStateKey);
    const detected = await findWebhookTargets();
    const candidates: { url: string; appFolder: vscode.Uri | undefined }[] = [
      ...(remembered && !detected.some((target) => target.url === remembered) ? [{ url: remembered, appFolder: undefined }] : []),
      ...detected,
    ];
    // The last-used URL first.
    candidates.sort((a, b) => Number(b.url === remembered) - Number(a.url === remembered));
    const other = vscode.l10n.t('Another URL…');
    const picked =
      candidates.length === 0
        ? undefined
        : await vscode.window.showQuickPick(
            [...candidates.map((target) => ({ label: target.url, description: describeTarget(target), target })), { label: other, target: undefined }],
            { title: vscode.l10n.t('Where should the event go?'), ignoreFocusOut: true },
          );
    if (candidates.length > 0 && !picked) return undefined;
    if (picked?.target) return picked.target;
    const url = await vscode.window.showInputBox({
      title: vscode.l10n.t('Webhook URL'),
      ignoreFocusOut: true,
      value: remembered ?? 'http://localhost:3000/api/webhooks/clerk',
      validateInput: (value) => (/^https?:\/\/\S+$/.test(value) ? undefined : vscode.l10n.t('Enter an http:// or https:// URL.')),
    });
    return url ? { url, appFolder: undefined } : undefined;
  }

  private async confirmRemote(url: string): Promise<boolean> {
    const send = vscode.l10n.t('Send');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Send a signed test event to {0}?', untrustedText(url)),
      { modal: true, detail: vscode.l10n.t('This is not a local address. The deployed app will process the event as if Clerk had sent it.') },
      send,
    );
    return answer === send;
  }

  private async signingSecret(appFolder: vscode.Uri | undefined): Promise<string | undefined> {
    const fromEnv = await findSigningSecret(appFolder);
    if (fromEnv) return fromEnv.value;
    return vscode.window.showInputBox({
      title: vscode.l10n.t('Webhook signing secret'),
      prompt: vscode.l10n.t('The whsec_… secret your handler verifies with (Clerk dashboard → Webhooks → endpoint → Signing Secret). Not stored.'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => {
        try {
          loadWebhooksCore().signingKeyOf(value);
          return undefined;
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
      },
    });
  }

  /** The reply in the log (body cut at `maxBodyChars`); the notification says only how the app answered. */
  private report(response: TestEventResponse, shownUrl: string, secret: string): void {
    const body =
      response.body.length > maxBodyChars
        ? `${response.body.slice(0, maxBodyChars)}\n… ${vscode.l10n.t('({0} more characters)', response.body.length - maxBodyChars)}`
        : response.bodyTruncated
          ? `${response.body}\n… ${vscode.l10n.t('(the rest of the answer was not read)')}`
          : response.body;
    const status = vscode.l10n.t('HTTP {0} in {1} ms (svix-id {2})', response.status, response.durationMs, response.messageId);
    const logLine = body ? `${status}\n${body}` : status;
    if (response.ok) this.log.info(logLine, [secret]);
    else this.log.warn(logLine, [secret]);
    const summary = vscode.l10n.t('{0} answered HTTP {1} in {2} ms.', shownUrl, response.status, response.durationMs);
    if (response.ok) void this.showWithLog('info', summary);
    else void this.showWithLog('warning', `${summary} ${vscode.l10n.t('The response is in the output.')}`);
  }

  private async showWithLog(level: 'info' | 'warning' | 'error', message: string): Promise<void> {
    const show = vscode.l10n.t('Show Output');
    const notify =
      level === 'info' ? vscode.window.showInformationMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    if ((await notify(message, show)) === show) this.log.show();
  }
}

function describeTarget(target: { appFolder: vscode.Uri | undefined }): string {
  return target.appFolder ? vscode.l10n.t('found in {0}', vscode.workspace.asRelativePath(target.appFolder)) : vscode.l10n.t('last used');
}
