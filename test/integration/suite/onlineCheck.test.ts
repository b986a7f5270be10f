import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startFakeClerkSvix, type FakeClerkSvix, type FakeJwtTemplate } from '../../helpers/fakeClerkSvix';
import { ours, recordNotifications, ruleIdOf, seedApplicationIdMistake, waitFor } from '../probes';

/**
 * The online half of `convex-jwt-template-mismatch` against the fake Clerk API (127.0.0.1), and the
 * `env-convex-deployment` clipboard fix, in the real extension host on the scratch copy of
 * test/fixtures/next16-convex (its app sends tokens through `ConvexProviderWithClerk`, and
 * `applicationID` is 'convex').
 */
const extensionId = 'clerk-auth-toolkit.clerk-auth-toolkit';
const rule = 'convex-jwt-template-mismatch';
/** Distinct from the fixture's CLERK_SECRET_KEY, so a leak of either is told apart. */
const secretKey = 'sk_test_onlineCheckIntegrationKey0123456789';
const noticePattern = /could not list the JWT templates/;

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;
const file = (...segments: string[]): vscode.Uri => vscode.Uri.joinPath(folder(), ...segments);
const authConfig = (): vscode.Uri => file('convex', 'auth.config.ts');
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('clerkToolkit');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function diskText(uri: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}

/** Every diagnostic of this extension in the workspace, as comparable strings. */
function snapshot(): string[] {
  return vscode.languages
    .getDiagnostics()
    .flatMap(([uri, diagnostics]) =>
      diagnostics
        .filter((d) => d.source === 'Clerk Auth Toolkit')
        .map((d) => `${vscode.workspace.asRelativePath(uri)}:${d.range.start.line}:${d.range.start.character} ${d.severity} ${ruleIdOf(d)} ${d.message}`),
    )
    .sort();
}

/** The snapshot once it has not changed for a second: negative results need a settled analysis. */
async function settledSnapshot(): Promise<string[]> {
  let last = JSON.stringify(snapshot());
  let stableSince = Date.now();
  return waitFor('the diagnostics to settle', () => {
    const current = JSON.stringify(snapshot());
    if (current !== last) {
      last = current;
      stableSince = Date.now();
    }
    return Date.now() - stableSince >= 1000 && (JSON.parse(current) as string[]);
  });
}

/** The hover text at `needle` once this extension's hover matches `expected` (the online answer may still be on its way). */
async function hoverText(uri: vscode.Uri, needle: string, expected: RegExp): Promise<string> {
  const document = await vscode.workspace.openTextDocument(uri);
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, needle);
  let text = '';
  await waitFor(`the hover at ${needle}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(at + 2));
    text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    return expected.test(text);
  });
  return text;
}

/** The workbench cancels a code action request when the set of providers changes meanwhile: ask again then. */
async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (
        (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? []
      );
    } catch (error) {
      if (attempt >= 10 || !(error instanceof Error) || error.message !== 'Canceled') throw error;
      await sleep(500);
    }
  }
}

function applicationIdDiagnostics(severity?: vscode.DiagnosticSeverity): vscode.Diagnostic[] {
  return ours(authConfig(), rule).filter((d) => severity === undefined || d.severity === severity);
}

describe('online check (convex-jwt-template-mismatch against a fake Clerk API)', function () {
  this.timeout(60_000);
  let fake: FakeClerkSvix;
  let offlineBaseline: string[];
  const templateCalls = () => fake.requests.filter((request) => request.method === 'GET' && request.path === '/v1/jwt_templates');

  /** Sets what the fake answers, re-analyses ("Clerk: Re-analyze Project" refetches) and waits for the request. */
  async function reanalyzeWith(templates: FakeJwtTemplate[]): Promise<void> {
    fake.setScenario({ jwtTemplates: templates });
    const before = templateCalls().length;
    await vscode.commands.executeCommand('clerkToolkit.reanalyze');
    await waitFor('GET /v1/jwt_templates', () => templateCalls().length > before);
  }

  /** The text of the leaked secrets to look for: the stored key and the fixture's own key. */
  async function secretsToHide(): Promise<string[]> {
    const fixtureKey = /^CLERK_SECRET_KEY=(\S+)$/m.exec(await diskText(file('.env.local')))?.[1];
    assert.ok(fixtureKey, '.env.local has no CLERK_SECRET_KEY');
    return [secretKey, fixtureKey];
  }

  function assertNoSecretIn(diagnostics: readonly vscode.Diagnostic[], secrets: string[]): void {
    for (const diagnostic of diagnostics) {
      for (const text of [diagnostic.message, ...(diagnostic.relatedInformation ?? []).map((related) => related.message)]) {
        for (const secret of secrets) assert.ok(!text.includes(secret) && !text.includes(secret.slice(8)), `a diagnostic shows a secret: ${text}`);
      }
    }
  }

  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(authConfig()));
    // Starts the diagnostics if the open document has not yet; the online check is still off.
    await vscode.commands.executeCommand('clerkToolkit.reanalyze');
    offlineBaseline = await settledSnapshot();

    fake = await startFakeClerkSvix({ secretKey });
    const publishableKey = /^NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=(\S+)$/m.exec(await diskText(file('.env.local')))?.[1];
    assert.ok(publishableKey, '.env.local has no publishable key');
    await config().update('clerkApiUrl', fake.clerkApiUrl, vscode.ConfigurationTarget.Global);
    assert.equal(await vscode.commands.executeCommand<boolean>('clerkToolkit.setSecretKey', { publishableKey, secretKey }), true);
    await config().update('onlineCheck.enable', true, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('onlineCheck.enable', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('clerkToolkit.signOut');
    await config().update('clerkApiUrl', undefined, vscode.ConfigurationTarget.Global);
    await fake?.close();
  });

  it('reports a convex template whose aud differs from applicationID as an error, is quiet when it matches and when it is missing (native integration; the hover says why)', async () => {
    await reanalyzeWith([{ name: 'convex', claims: { aud: 'convex-prod' } }]);
    const [error] = await waitFor(
      'the online error',
      () => applicationIdDiagnostics(vscode.DiagnosticSeverity.Error).length > 0 && applicationIdDiagnostics(vscode.DiagnosticSeverity.Error),
    );
    const document = await vscode.workspace.openTextDocument(authConfig());
    assert.equal(document.getText(error.range), 'convex', 'the error sits on the applicationID');
    assert.match(error.message, /JWT template "convex" sets aud "convex-prod", not "convex"/);
    assert.ok(
      error.relatedInformation?.some((related) => related.location.uri.path.endsWith('/app/ConvexClientProvider.tsx')),
      'related information points at ConvexProviderWithClerk',
    );

    const call = templateCalls().at(-1)!;
    assert.equal(call.headers.authorization, `Bearer ${secretKey}`);

    const secrets = await secretsToHide();
    assertNoSecretIn(
      vscode.languages.getDiagnostics().flatMap(([, diagnostics]) => diagnostics.filter((d) => d.source === 'Clerk Auth Toolkit')),
      secrets,
    );
    assertNoSecretIn([error], secrets);

    // No template named "convex" is Clerk's native Convex integration: no diagnostic, the hover explains it.
    await reanalyzeWith([]);
    await waitFor('no diagnostic on applicationID', () => applicationIdDiagnostics().length === 0);
    const hover = await hoverText(authConfig(), 'applicationID', /no JWT template named `convex`/);
    assert.match(hover, /fine with Clerk's Convex integration/);
    for (const secret of secrets) assert.ok(!hover.includes(secret), 'the hover shows a secret');

    await reanalyzeWith([
      { name: 'other', claims: { aud: 'other' } },
      { name: 'convex', claims: { aud: 'convex' } },
    ]);
    await waitFor('no diagnostic on applicationID', () => applicationIdDiagnostics().length === 0);
    assert.deepEqual(await settledSnapshot(), offlineBaseline, 'a matching template adds nothing to the offline result');
  });

  describe('when the API fails', () => {
    let recorder: ReturnType<typeof recordNotifications>;
    let notices: string[];

    before(() => {
      recorder = recordNotifications('showWarningMessage');
      notices = recorder.messages;
    });

    after(async () => {
      recorder.restore();
      fake.setScenario({ failures: [], secretKey });
      await vscode.commands.executeCommand('clerkToolkit.reanalyze');
    });

    const failureNotices = () => notices.filter((notice) => noticePattern.test(notice));

    it('a 500 degrades to the offline result with one notice per failure streak', async () => {
      await reanalyzeWith([{ name: 'convex', claims: { aud: 'convex-prod' } }]);
      await waitFor('the online error', () => applicationIdDiagnostics(vscode.DiagnosticSeverity.Error).length > 0);
      const noticesBefore = failureNotices().length;

      fake.setScenario({ failures: [{ api: 'clerk', status: 500, times: 1_000 }] });
      await reanalyzeWith([{ name: 'convex', claims: { aud: 'convex-prod' } }]);
      await waitFor('the online error to go', () => applicationIdDiagnostics().length === 0);
      await waitFor('the failure notice', () => failureNotices().length === noticesBefore + 1);
      assert.match(failureNotices().at(-1)!, /Re-analyze Project/);
      assert.deepEqual(await settledSnapshot(), offlineBaseline, 'the offline diagnostics stay as they were');

      // Still failing: the same streak, no second notice.
      await reanalyzeWith([{ name: 'convex', claims: { aud: 'convex-prod' } }]);
      await settledSnapshot();
      assert.equal(failureNotices().length, noticesBefore + 1, 'one notice per failure streak');

      // Offline findings still come and go while the API fails.
      const { document, diagnostic: offline } = await seedApplicationIdMistake();
      try {
        assert.equal(offline.severity, vscode.DiagnosticSeverity.Error);
        assert.match(offline.message, /only in letter case/);
      } finally {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(document.uri, document.validateRange(new vscode.Range(0, 0, document.lineCount, 0)), await diskText(document.uri));
        assert.equal(await vscode.workspace.applyEdit(edit), true);
        assert.equal(await document.save(), true);
      }
      await waitFor('the seeded mistake to clear', () => applicationIdDiagnostics().length === 0);
    });

    it('after a success, a rejected key (401) starts a new streak with one notice that does not show the key', async () => {
      fake.setScenario({ failures: [] });
      await reanalyzeWith([{ name: 'convex', claims: { aud: 'convex-prod' } }]);
      await waitFor('the online error to return', () => applicationIdDiagnostics(vscode.DiagnosticSeverity.Error).length > 0);
      const noticesBefore = failureNotices().length;

      // The fake now accepts another key only: ours gets 401.
      fake.setScenario({ secretKey: 'sk_test_someOtherInstanceKey0000000000' });
      await reanalyzeWith([{ name: 'convex', claims: { aud: 'convex-prod' } }]);
      assert.equal(fake.responses.at(-1)?.status, 401);
      await waitFor('the online error to go', () => applicationIdDiagnostics().length === 0);
      await waitFor('the failure notice', () => failureNotices().length === noticesBefore + 1);
      const notice = failureNotices().at(-1)!;
      for (const secret of await secretsToHide())
        assert.ok(!notice.includes(secret) && !notice.includes(secret.slice(8)), `the notice shows a secret: ${notice}`);
      assert.deepEqual(await settledSnapshot(), offlineBaseline);
    });
  });

  it('a slow answer requested before a re-analysis does not overwrite the newer one', async () => {
    await reanalyzeWith([{ name: 'convex', claims: { aud: 'convex' } }]);
    await settledSnapshot();
    const delayMs = 2_000;
    fake.setScenario({ delayMs });
    await reanalyzeWith([{ name: 'convex', claims: { aud: 'stale' } }]);
    fake.setScenario({ delayMs: 0 });
    await reanalyzeWith([{ name: 'convex', claims: { aud: 'convex' } }]);
    // Let the slow answer arrive and any analysis it triggers run.
    await sleep(delayMs + 500);
    assert.deepEqual(await settledSnapshot(), offlineBaseline, 'the stale template must not come back');
  });

  describe('the env-convex-deployment clipboard fix', () => {
    const added = (): vscode.Uri => file('convex', 'clerkToolkitOnlineIt.ts');

    after(async () => {
      // Already gone when the test got to its end.
      await vscode.workspace.fs.delete(added(), { useTrash: false }).then(undefined, () => undefined);
    });

    it('copies `npx convex env set X <value>` with the value from .env.local, shown nowhere else', async () => {
      const value = /^NEXT_PUBLIC_CONVEX_URL=(\S+)$/m.exec(await diskText(file('.env.local')))?.[1];
      assert.ok(value, '.env.local has no NEXT_PUBLIC_CONVEX_URL');
      // A NEXT_PUBLIC_* read under convex/ is flagged even though .env.local defines it (wrong layer).
      await vscode.workspace.fs.writeFile(added(), Buffer.from('export const convexUrl = process.env.NEXT_PUBLIC_CONVEX_URL;\n'));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(added()));
      const [diagnostic] = await waitFor(
        'env-convex-deployment',
        () => ours(added(), 'env-convex-deployment').length > 0 && ours(added(), 'env-convex-deployment'),
      );
      assert.ok(!diagnostic.message.includes(value), diagnostic.message);

      const actions = await codeActions(added(), diagnostic.range);
      const copy = actions.find((action) => action.title.includes('npx convex env set NEXT_PUBLIC_CONVEX_URL'));
      assert.ok(copy?.command, `no copy action among: ${actions.map((action) => action.title).join(' | ')}`);
      assert.ok(!copy.title.includes(value), copy.title);
      assert.ok(!JSON.stringify(copy.command.arguments ?? []).includes(value), 'the value must not travel as a command argument');

      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand(copy.command.command, ...(copy.command.arguments ?? []));
      assert.equal(await vscode.env.clipboard.readText(), `npx convex env set NEXT_PUBLIC_CONVEX_URL '${value}'`);

      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(added(), { useTrash: false });
      await waitFor('the diagnostic to clear with the file', () => ours(added()).length === 0);
    });
  });
});
