import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Project } from '../../core/project/types';
import type { JwtTemplateInfo } from '../../core/model';
import { loadEngine } from '../lazyModules';
import { copyCommandText } from './codeActions';
import { enginePath, type DiagnosticsController } from './controller';
import type { OnlineCheck } from './onlineCheck';
import { isEnvFilePath } from '../../core/project/analysisInputs';

const publishableKeyNames = new Set(['NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'CLERK_PUBLISHABLE_KEY']);
/** How many places a hover lists before it stops. */
const maxLinks = 5;
const copyConvexEnvSetCommand = 'clerkToolkit.diagnostics.copyConvexEnvSet';

/**
 * Hovers that show "the other side": for an env key (in an env file or a `process.env.X` read)
 * where it is defined, in load order, and where it is read; for `applicationID` the token paths
 * that must match it (and, after the online check, what the Clerk instance has for them); for a
 * `template: "X"` the `applicationID`s it must equal. A publishable key also shows the Clerk
 * instance it names. Values are never shown (the decoded host is public).
 */
export class FindingHovers implements vscode.HoverProvider {
  constructor(
    private readonly controller: DiagnosticsController,
    private readonly onlineCheck: OnlineCheck,
  ) {}

  static register(controller: DiagnosticsController, onlineCheck: OnlineCheck): vscode.Disposable {
    const provider = new FindingHovers(controller, onlineCheck);
    return vscode.Disposable.from(
      vscode.languages.registerHoverProvider({ scheme: 'file' }, provider),
      vscode.commands.registerCommand(copyConvexEnvSetCommand, (root: unknown, key: unknown) => provider.copyConvexEnvSet(root, key)),
    );
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.ProviderResult<vscode.Hover> {
    const file = enginePath(document.uri);
    const project = this.projectOf(file);
    if (!project) return undefined;
    const line = document.lineAt(position.line).text;
    const envKey = isEnvFilePath(file) ? /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*[=:]/.exec(line)?.[1] : undefined;
    const keyRange = envKey ? document.getWordRangeAtPosition(position, /[A-Za-z_][\w.-]*/) : undefined;
    if (envKey && keyRange && document.getText(keyRange) === envKey) return new vscode.Hover(this.envKeyHover(project, envKey), keyRange);
    const read = wordMatching(document, position, /process\.env(?:\.([A-Za-z_]\w*)|\[\s*["'`]([A-Za-z_]\w*)["'`]\s*\])/g);
    if (read) return new vscode.Hover(this.envKeyHover(project, read.groups[0] ?? read.groups[1] ?? ''), read.range);
    const applicationId = wordMatching(document, position, /\bapplicationID\b/g);
    if (applicationId && /\/auth\.config\.[cm]?[jt]s$/.test(file)) return this.tokenPathsHover(project).then((markdown) => new vscode.Hover(markdown, applicationId.range));
    const template = wordMatching(document, position, /\btemplate\s*:\s*["'`]([^"'`]+)["'`]/g);
    if (template?.groups[0]) return new vscode.Hover(this.applicationIdsHover(project, template.groups[0]), template.range);
    return undefined;
  }

  private projectOf(file: string): Project | undefined {
    return this.controller
      .workspaceModel()
      .projects.filter((project) => file.startsWith(`${project.root}/`))
      .sort((a, b) => b.root.length - a.root.length)[0];
  }

  private envKeyHover(project: Project, key: string): vscode.MarkdownString {
    const markdown = new vscode.MarkdownString(`**${key}**\n\n`);
    const definitions = project.envFiles.flatMap((envFile) => envFile.parsed.entries.filter((entry) => entry.key === key).map((entry) => ({ envFile, entry })));
    if (definitions.length === 0) markdown.appendMarkdown(vscode.l10n.t('Not defined in any local env file of this app.') + '\n\n');
    definitions.forEach(({ envFile, entry }, index) => {
      const state = index === 0 ? vscode.l10n.t('loaded') : vscode.l10n.t('shadowed by the file above');
      markdown.appendMarkdown(`- ${link(envFile.file, entry.line, envFile.name)} (${state})\n`);
    });
    const documented = project.envTemplates.filter((template) => template.parsed.entries.some((entry) => entry.key === key));
    if (documented.length > 0) markdown.appendMarkdown(`\n${vscode.l10n.t('Documented in {0}.', documented.map((template) => template.name).join(', '))}\n`);
    const winner = definitions[0]?.entry.value;
    const instance = publishableKeyNames.has(key) && winner ? loadEngine().decodePublishableKey(winner) : undefined;
    if (instance) {
      const type = instance.instanceType === 'production' ? vscode.l10n.t('production') : vscode.l10n.t('development');
      markdown.appendMarkdown(`\n${vscode.l10n.t('Clerk instance: `{0}` ({1}).', instance.frontendApi, type)}\n`);
    }
    const readers = this.filesMatching(project, new RegExp(`process\\.env(?:\\.${key}\\b|\\[\\s*["'\`]${key}["'\`]\\s*\\])`));
    if (readers.length > 0) markdown.appendMarkdown(`\n${vscode.l10n.t('Read in:')} ${readers.map((reader) => link(reader.file, reader.line)).join(', ')}\n`);
    if (readers.some((reader) => project.convexDirs.some((convex) => reader.file.startsWith(`${convex.dir}/`)))) {
      markdown.appendMarkdown(`\n${vscode.l10n.t('Convex functions read it from the deployment, not from env files: set it there with `npx convex env set`.')}\n`);
      // The link carries the app and the key only: the value is read when it is clicked, so it never sits in the hover.
      const label = vscode.workspace.isTrusted
        ? vscode.l10n.t('Copy `npx convex env set {0} …`', key)
        : vscode.l10n.t('Copy `npx convex env set {0} <value>` (untrusted workspace: the value stays a placeholder)', key);
      const args = encodeURIComponent(JSON.stringify([project.root, key]));
      markdown.appendMarkdown(`\n[${label}](command:${copyConvexEnvSetCommand}?${args})\n`);
      markdown.isTrusted = { enabledCommands: [copyConvexEnvSetCommand] };
    }
    return markdown;
  }

  /**
   * Copies `npx convex env set KEY 'value'` with the value the app's env files give it now (unsaved
   * buffers included). Untrusted workspaces get a placeholder: their env files are not ours to read out.
   */
  private async copyConvexEnvSet(root: unknown, key: unknown): Promise<void> {
    // The key ends up in a shell command: accept variable names only.
    if (typeof root !== 'string' || typeof key !== 'string' || !/^[A-Za-z_]\w*$/.test(key)) return;
    const engine = loadEngine();
    if (!vscode.workspace.isTrusted) {
      await copyCommandText(engine.convexEnvSetCommand(key, undefined), vscode.l10n.t('Copied with a `<value>` placeholder: env files are not read in an untrusted workspace. Fill in the value, then run it in a terminal in the project folder.'));
      return;
    }
    const project = this.controller.workspaceModel().projects.find((candidate) => candidate.root === root);
    const value = project ? engine.resolveAppEnv(project.envFiles).lookup(key)?.value : undefined;
    if (value) await copyCommandText(engine.convexEnvSetCommand(key, value));
    else await copyCommandText(engine.convexEnvSetCommand(key, undefined), vscode.l10n.t('Copied with a `<value>` placeholder: no local env file of this app gives {0} a value.', key));
  }

  private async tokenPathsHover(project: Project): Promise<vscode.MarkdownString> {
    const markdown = new vscode.MarkdownString(`**applicationID** — ${vscode.l10n.t('must equal the `aud` of the token the app sends.')}\n\n`);
    const providers = this.filesMatching(project, /<ConvexProviderWithClerk\b/);
    const templates = this.filesMatching(project, /\btemplate\s*:\s*["'`]([^"'`]+)["'`]/);
    for (const provider of providers) markdown.appendMarkdown(`- ${vscode.l10n.t('{0}: Clerk\'s Convex integration token (`aud: "convex"`) or the template named `convex`', link(provider.file, provider.line))}\n`);
    for (const template of templates) markdown.appendMarkdown(`- ${vscode.l10n.t('{0}: JWT template `{1}`', link(template.file, template.line), template.match[1])}\n`);
    if (providers.length === 0 && templates.length === 0) markdown.appendMarkdown(vscode.l10n.t('No code in this app sends a token to Convex.'));
    if (providers.length > 0) markdown.appendMarkdown(convexTemplateNote(await this.onlineCheck.get()));
    return markdown;
  }

  private applicationIdsHover(project: Project, template: string): vscode.MarkdownString {
    const markdown = new vscode.MarkdownString(`**${vscode.l10n.t('JWT template `{0}`', template)}** — ${vscode.l10n.t('Convex accepts it when an `applicationID` equals its `aud`.')}\n\n`);
    const configs = project.convexDirs.flatMap((convex) => convex.authConfigFiles);
    const ids = this.filesMatching(project, /\bapplicationID\s*:\s*["'`]([^"'`]*)["'`]/, configs);
    for (const id of ids) markdown.appendMarkdown(`- ${link(id.file, id.line)}: \`${id.match[1]}\`${id.match[1] === template ? ' ✓' : ''}\n`);
    if (ids.length === 0) markdown.appendMarkdown(vscode.l10n.t('No `applicationID` literal in this app\'s Convex auth config.'));
    return markdown;
  }

  /** The first lines (up to `maxLinks`) matching `pattern` in the project's code, unsaved text first. */
  private filesMatching(project: Project, pattern: RegExp, files = [...(project.nextApp?.sourceFiles ?? []), ...project.convexDirs.flatMap((convex) => convex.functionFiles)]) {
    const hits: { file: string; line: number; match: RegExpExecArray }[] = [];
    for (const file of new Set(files)) {
      const lines = textOf(file)?.split('\n') ?? [];
      lines.forEach((text, line) => {
        const match = pattern.exec(text);
        if (match && hits.length < maxLinks) hits.push({ file, line, match });
      });
      if (hits.length >= maxLinks) break;
    }
    return hits;
  }
}

/**
 * What the online check found for `ConvexProviderWithClerk`'s fallback template. No template is a
 * valid setup, Clerk's native Convex integration, which the API cannot confirm: explained, not flagged.
 */
function convexTemplateNote(templates: JwtTemplateInfo[] | undefined): string {
  if (!templates) return '';
  const template = templates.find((candidate) => candidate.name === 'convex');
  if (!template) {
    return `\n${vscode.l10n.t('Online check: the Clerk instance has no JWT template named `convex`. That is fine with Clerk\'s Convex integration: its session tokens carry `aud: "convex"` and ConvexProviderWithClerk sends them as they are, so no template is needed. Without the integration, activate it in the Clerk dashboard (or create the template).')}\n`;
  }
  const aud = template.claims.aud;
  const audiences = (Array.isArray(aud) ? aud : [aud]).filter((value): value is string => typeof value === 'string');
  return `\n${vscode.l10n.t('Online check: JWT template `convex` sets aud {0}; ConvexProviderWithClerk uses it when Clerk\'s Convex integration is not active.', audiences.length > 0 ? audiences.map((value) => `\`${value}\``).join(', ') : vscode.l10n.t('(none)'))}\n`;
}

function textOf(file: string): string | undefined {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'file' && enginePath(document.uri) === file);
  if (open) return open.getText();
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A match of `pattern` on the hovered line that contains the position, with its capture groups. */
function wordMatching(document: vscode.TextDocument, position: vscode.Position, pattern: RegExp): { range: vscode.Range; groups: (string | undefined)[] } | undefined {
  const text = document.lineAt(position.line).text;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    if (position.character >= start && position.character <= start + match[0].length) {
      return { range: new vscode.Range(position.line, start, position.line, start + match[0].length), groups: match.slice(1) };
    }
  }
  return undefined;
}

function link(file: string, line: number, label = `${vscode.workspace.asRelativePath(vscode.Uri.file(file))}:${line + 1}`): string {
  return `[${label}](${vscode.Uri.file(file).with({ fragment: `L${line + 1}` }).toString()})`;
}
