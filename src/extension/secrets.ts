import * as vscode from 'vscode';
import * as path from 'node:path';
import { decodePublishableKey, encodePublishableKey, secretKeyInstanceType, type PublishableKeyInfo } from '../core/clerkKeys';
import { secretKeyName } from '../core/env/keyNames';
import { readWorkspaceEnv, type AppEnv } from './webhooks/workspaceEnv';

/**
 * The Clerk secret key, per Clerk instance. Keys live in SecretStorage (keyed by the Frontend API
 * host decoded from the publishable key, so a monorepo with two instances works) or, after a
 * one-time consent per workspace, are read from the workspace's env files in trusted workspaces.
 * Nothing here writes a key to settings, logs or state other than SecretStorage.
 */

export type ClerkInstance = PublishableKeyInfo;

export interface ClerkSecretKey {
  value: string;
  source: 'secretStorage' | 'workspaceEnv';
  /** The env file the key was read from (source `workspaceEnv`). */
  file?: vscode.Uri;
}

/** Arguments the key commands accept instead of prompting (tests, other extensions' automation). */
export interface SetSecretKeyArgs {
  publishableKey?: string;
  secretKey?: string;
}

const secretKeyId = (host: string): string => `clerkToolkit.secretKey/${host}`;
/** The cached Svix session of an instance; removed with the key it was minted from. */
export const svixSessionId = (host: string): string => `clerkToolkit.svixSession/${host}`;
const consentStateKey = 'clerkToolkit.workspaceEnvConsent';
const activeInstanceStateKey = 'clerkToolkit.activeInstance';

const credentialsChanged = new vscode.EventEmitter<void>();
/** Fires when a key is stored or removed, the consent changes, or another instance is chosen. */
export const onDidChangeCredentials = credentialsChanged.event;

/** An instance found in the workspace's env files, with the app env it came from. */
export interface WorkspaceInstance {
  instance: ClerkInstance;
  env: AppEnv;
}

export async function findWorkspaceInstances(): Promise<WorkspaceInstance[]> {
  const found: WorkspaceInstance[] = [];
  for (const env of await readWorkspaceEnv()) {
    const instance = env.instance()?.instance;
    if (instance) found.push({ instance, env });
  }
  return found;
}

export function hasWorkspaceEnvConsent(context: vscode.ExtensionContext): boolean {
  return vscode.workspace.isTrusted && context.workspaceState.get<boolean>(consentStateKey) === true;
}

/**
 * Asks once per workspace whether the extension may read `CLERK_SECRET_KEY` from the workspace's
 * env files. The diagnostics' online check shares this consent.
 */
export async function requestWorkspaceEnvConsent(context: vscode.ExtensionContext): Promise<boolean> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Keys are read from env files only in trusted workspaces. Trust this folder or use "Clerk: Set Secret Key…".'),
    );
    return false;
  }
  if (hasWorkspaceEnvConsent(context)) return true;
  const allow = vscode.l10n.t('Allow');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t("Allow Clerk Auth Toolkit to read CLERK_SECRET_KEY from this workspace's env files?"),
    {
      modal: true,
      detail: vscode.l10n.t(
        'The key is sent only to the Clerk Backend API, and never written to settings, logs or the output panel. "Clerk: Sign Out" withdraws this permission.',
      ),
    },
    allow,
  );
  if (answer !== allow) return false;
  await context.workspaceState.update(consentStateKey, true);
  credentialsChanged.fire();
  return true;
}

/** The instance the views show: the one last chosen in this workspace, else the first one in the env files. */
export async function activeInstance(context: vscode.ExtensionContext): Promise<ClerkInstance | undefined> {
  return context.workspaceState.get<ClerkInstance>(activeInstanceStateKey) ?? (await findWorkspaceInstances())[0]?.instance;
}

async function setActiveInstance(context: vscode.ExtensionContext, instance: ClerkInstance): Promise<void> {
  await context.workspaceState.update(activeInstanceStateKey, instance);
  credentialsChanged.fire();
}

/**
 * The secret key for an instance (default: the active one): SecretStorage first, then, with the
 * workspace's consent, `CLERK_SECRET_KEY` from the env files of the app whose publishable key names
 * that instance. Used by the webhooks views and by the diagnostics' online check.
 */
export async function getClerkSecretKey(context: vscode.ExtensionContext, instance?: ClerkInstance): Promise<ClerkSecretKey | undefined> {
  const target = instance ?? (await activeInstance(context));
  if (!target) return undefined;
  const stored = await context.secrets.get(secretKeyId(target.frontendApi));
  if (stored) return { value: stored, source: 'secretStorage' };
  if (!hasWorkspaceEnvConsent(context)) return undefined;
  const app = (await findWorkspaceInstances()).find(({ instance: found }) => found.frontendApi === target.frontendApi);
  const fromEnv = app?.env.get(secretKeyName);
  return fromEnv && secretKeyInstanceType(fromEnv.value) ? { value: fromEnv.value, source: 'workspaceEnv', file: fromEnv.file } : undefined;
}

/** A short, secret-free description of where a key came from ("SecretStorage", "apps/web/.env.local"). */
export function describeKeySource(key: ClerkSecretKey): string {
  if (key.source === 'secretStorage') return vscode.l10n.t('VS Code secret storage');
  return key.file ? vscode.workspace.asRelativePath(key.file) : vscode.l10n.t('workspace env file');
}

/** Picks the instance for a key command: from the arguments, the env files (asking if several), or a prompt. */
async function chooseInstance(context: vscode.ExtensionContext, args: SetSecretKeyArgs | undefined): Promise<ClerkInstance | undefined> {
  if (args?.publishableKey) return decodePublishableKey(args.publishableKey);
  const found = await findWorkspaceInstances();
  const distinct = [...new Map(found.map((entry) => [entry.instance.frontendApi, entry])).values()];
  if (distinct.length === 1) return distinct[0].instance;
  if (distinct.length > 1) {
    const picked = await vscode.window.showQuickPick(
      distinct.map((entry) => ({
        label: entry.instance.frontendApi,
        description: environmentLabel(entry.instance),
        detail: vscode.workspace.asRelativePath(entry.env.folder),
        instance: entry.instance,
      })),
      { title: vscode.l10n.t('Which Clerk instance?'), placeHolder: vscode.l10n.t("Instances found in the workspace's env files") },
    );
    return picked?.instance;
  }
  const remembered = context.workspaceState.get<ClerkInstance>(activeInstanceStateKey);
  const publishableKey = await vscode.window.showInputBox({
    title: vscode.l10n.t('Clerk publishable key'),
    prompt: vscode.l10n.t('The publishable key (pk_test_… or pk_live_…) names the instance the secret key belongs to.'),
    ignoreFocusOut: true,
    value: remembered ? encodePublishableKey(remembered.frontendApi, remembered.instanceType) : undefined,
    validateInput: (value) => (decodePublishableKey(value) ? undefined : vscode.l10n.t('Not a Clerk publishable key (pk_test_… or pk_live_…).')),
  });
  return publishableKey === undefined ? undefined : decodePublishableKey(publishableKey);
}

export function environmentLabel(instance: ClerkInstance): string {
  return instance.instanceType === 'production' ? vscode.l10n.t('Production') : vscode.l10n.t('Development');
}

async function setSecretKey(context: vscode.ExtensionContext, args?: SetSecretKeyArgs): Promise<boolean> {
  const instance = await chooseInstance(context, args);
  if (!instance) return false;
  const validate = (value: string): string | undefined => {
    const environment = secretKeyInstanceType(value.trim());
    if (!environment) return vscode.l10n.t('Not a Clerk secret key (sk_test_… or sk_live_…).');
    if (environment !== instance.instanceType) {
      return vscode.l10n.t(
        'This is a {0} key, but {1} is a {2} instance.',
        environment === 'production' ? 'sk_live_' : 'sk_test_',
        instance.frontendApi,
        environmentLabel(instance),
      );
    }
    return undefined;
  };
  const secretKey =
    args?.secretKey ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Clerk secret key for {0}', instance.frontendApi),
      prompt: vscode.l10n.t("Stored in VS Code's secret storage for this instance only. Find it in the Clerk dashboard under API keys."),
      password: true,
      ignoreFocusOut: true,
      validateInput: validate,
    }));
  if (secretKey === undefined) return false;
  const problem = validate(secretKey);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return false;
  }
  await context.secrets.store(secretKeyId(instance.frontendApi), secretKey.trim());
  // A session minted with another key must not outlive it.
  await context.secrets.delete(svixSessionId(instance.frontendApi));
  await setActiveInstance(context, instance);
  return true;
}

async function useWorkspaceEnvKey(context: vscode.ExtensionContext): Promise<boolean> {
  if (!(await requestWorkspaceEnvConsent(context))) return false;
  const withKey = (await findWorkspaceInstances()).filter(({ env }) => env.get(secretKeyName));
  if (withKey.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No env file in this workspace defines both a Clerk publishable key and {0}.', secretKeyName));
    return false;
  }
  const picked =
    withKey.length === 1
      ? withKey[0]
      : await vscode.window
          .showQuickPick(
            withKey.map((entry) => ({
              label: entry.instance.frontendApi,
              description: vscode.workspace.asRelativePath(entry.env.get(secretKeyName)!.file),
              entry,
            })),
            { title: vscode.l10n.t('Which Clerk instance?') },
          )
          .then((item) => item?.entry);
  if (!picked) return false;
  // The env file takes over from a key stored earlier for the same instance.
  await context.secrets.delete(secretKeyId(picked.instance.frontendApi));
  await context.secrets.delete(svixSessionId(picked.instance.frontendApi));
  await setActiveInstance(context, picked.instance);
  void vscode.window.showInformationMessage(vscode.l10n.t('Using {0} from {1}.', secretKeyName, path.basename(picked.env.get(secretKeyName)!.file.path)));
  return true;
}

async function signOut(context: vscode.ExtensionContext): Promise<void> {
  const instance = await activeInstance(context);
  if (instance) {
    await context.secrets.delete(secretKeyId(instance.frontendApi));
    await context.secrets.delete(svixSessionId(instance.frontendApi));
  }
  await context.workspaceState.update(consentStateKey, undefined);
  credentialsChanged.fire();
  void vscode.window.showInformationMessage(
    instance
      ? vscode.l10n.t('Signed out of {0}. Env files of this workspace are no longer read for keys.', instance.frontendApi)
      : vscode.l10n.t('Env files of this workspace are no longer read for keys.'),
  );
}

export function registerSecretCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    credentialsChanged,
    vscode.commands.registerCommand('clerkToolkit.setSecretKey', (args?: SetSecretKeyArgs) => setSecretKey(context, args)),
    vscode.commands.registerCommand('clerkToolkit.useWorkspaceEnvKey', () => useWorkspaceEnvKey(context)),
    vscode.commands.registerCommand('clerkToolkit.signOut', () => signOut(context)),
    context.secrets.onDidChange((event) => {
      if (event.key.startsWith('clerkToolkit.secretKey/')) credentialsChanged.fire();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => credentialsChanged.fire()),
  );
}
