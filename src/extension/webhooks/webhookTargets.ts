import * as vscode from 'vscode';
import { convexSiteUrl, convexWebhookRoutePaths, nextAppRoot, nextRoutePath } from '../../core/webhooks/presentation';
import { readWorkspaceEnv, type AppEnv, type EnvValue } from './workspaceEnv';

/** A route in the project that receives Clerk webhooks, and the local URL it answers on. */
export interface WebhookTarget {
  url: string;
  /** The app folder of the handler, so the signing secret can be taken from the env of the same app. */
  appFolder: vscode.Uri;
}

const exclude = '**/node_modules/**';
/** Markers of a webhook handler: Clerk's helper, or the svix / standardwebhooks verifiers. */
const handlerPattern = /verifyWebhook\s*\(|from\s+['"](svix|standardwebhooks)['"]/;
/** The names handlers read the signing secret from, Clerk's documented one first. */
const signingSecretNames = ['CLERK_WEBHOOK_SIGNING_SECRET', 'CLERK_WEBHOOK_SECRET', 'WEBHOOK_SECRET'];
/** `next dev`'s default port, and the local Convex backend's HTTP actions URL. */
const nextDevOrigin = 'http://localhost:3000';
const convexLocalSiteUrl = 'http://127.0.0.1:3211';

const read = async (file: vscode.Uri): Promise<string> => Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');

/** Next.js route handlers and Convex HTTP routes that verify webhooks. Reads sources, never env files (except, when trusted, for Convex site URLs). */
export async function findWebhookTargets(): Promise<WebhookTarget[]> {
  const [routeFiles, convexHttpFiles, envs] = await Promise.all([
    vscode.workspace.findFiles('**/app/**/route.{ts,js,mts,mjs}', exclude, 500),
    vscode.workspace.findFiles('**/convex/http.{ts,js}', exclude, 20),
    readWorkspaceEnv(),
  ]);
  const targets: WebhookTarget[] = [];
  for (const file of routeFiles) {
    const relative = vscode.workspace.asRelativePath(file, false);
    const routePath = nextRoutePath(relative);
    const folder = vscode.workspace.getWorkspaceFolder(file);
    if (routePath && folder && handlerPattern.test(await read(file))) {
      targets.push({ url: nextDevOrigin + routePath, appFolder: vscode.Uri.joinPath(folder.uri, nextAppRoot(relative)) });
    }
  }
  for (const file of convexHttpFiles) {
    const appFolder = vscode.Uri.joinPath(file, '..', '..');
    const env = envs.find((candidate) => candidate.folder.toString() === appFolder.toString());
    const site = (env && convexSiteUrl((name) => env.get(name)?.value)) ?? convexLocalSiteUrl;
    for (const routePath of convexWebhookRoutePaths(await read(file))) targets.push({ url: site + routePath, appFolder });
  }
  return targets;
}

/**
 * The signing secret from the env of the handler's app first, then of any app. Nothing in
 * untrusted workspaces (readWorkspaceEnv reads nothing there).
 */
export async function findSigningSecret(appFolder: vscode.Uri | undefined): Promise<EnvValue | undefined> {
  const envs = await readWorkspaceEnv();
  const isOwn = (env: AppEnv): boolean => env.folder.toString() === appFolder?.toString();
  for (const env of [...envs.filter(isOwn), ...envs.filter((env) => !isOwn(env))]) {
    const found = signingSecretNames.map((name) => env.get(name)).find((value) => value !== undefined);
    if (found) return found;
  }
  return undefined;
}
