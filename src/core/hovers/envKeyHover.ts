import * as l10n from '@vscode/l10n';
import type * as ts from 'typescript';
import { convexPeersOf } from '../analysis/convexClientAuth';
import { decodePublishableKey } from '../clerkKeys';
import { resolveAppEnv } from '../env/appEnv';
import { findEntry, parseEnvFile } from '../env/envFile';
import { publishableKeyNames } from '../env/keyNames';
import { isTestOrFixtureFile, monorepoConvexUrlSource } from '../env/variables';
import type { Position, Range } from '../model';
import { getEnvReads } from '../parse/facts';
import { factOf, treeFact } from '../parse/fileFacts';
import { rangeOfNode } from '../parse/sourceFile';
import { isEnvFilePath, isSourcePath } from '../project/analysisInputs';
import type { HoverContent, HoverInput } from './index';
import { commandLink, escapeMarkdown, fileLink } from './markdown';
import { contains, maxLinks } from './positions';

/** The env key under the cursor: a `KEY=` in an env file, or a `process.env.KEY` read (as the rules see it). */
export function envKeyAt(input: HoverInput): { key: string; range: Range } | undefined {
  const { file, position, project } = input;
  if (isEnvFilePath(file)) {
    const known = [...project.envFiles, ...project.envTemplates, ...project.docs.workspaceEnvTemplates].find((envFile) => envFile.file === file);
    const text = known ? undefined : input.readFile(file);
    const parsed = known?.parsed ?? (text === undefined ? undefined : parseEnvFile(text));
    const entry = parsed?.entries.find((candidate) => contains(candidate.keyRange, position));
    return entry && { key: entry.key, range: entry.keyRange };
  }
  const source = isSourcePath(file) ? input.source(file) : undefined;
  return source && envReadAt(source, position);
}

function envReadAt(source: ts.SourceFile, position: Position): { key: string; range: Range } | undefined {
  for (const read of getEnvReads(source)) {
    const range = rangeOfNode(read.node, source);
    if (contains(range, position)) return { key: read.name, range };
  }
  return undefined;
}

/**
 * Where the key is defined (local env files in load order: the first one loads, the others are
 * shadowed), documented and read; for a publishable key the Clerk instance it names; in a monorepo
 * app, where `npx convex dev` writes the Convex URL to copy; for a variable Convex functions read,
 * how to set it on the deployment. Values are never shown.
 */
export function envKeyHover(input: HoverInput, key: string, range: Range): HoverContent {
  const { project, workspace } = input;
  const roots = workspace.roots;
  const parts = [`**${escapeMarkdown(key)}**`];
  const commands: string[] = [];

  const definitions = project.envFiles.flatMap((envFile) => {
    const entry = findEntry(envFile.parsed, key);
    return entry ? [{ envFile, entry }] : [];
  });
  if (definitions.length === 0) parts.push(l10n.t('Not defined in any local env file of this app.'));
  else {
    parts.push(
      definitions
        .map(
          ({ envFile, entry }, index) =>
            `- ${fileLink(envFile.file, entry.line, roots)} (${index === 0 ? l10n.t('loaded') : l10n.t('shadowed by the file above')})`,
        )
        .join('\n'),
    );
  }

  const documented = [...project.envTemplates, ...project.docs.workspaceEnvTemplates].flatMap((template) => {
    const entry = findEntry(template.parsed, key);
    return entry ? [fileLink(template.file, entry.line, roots)] : [];
  });
  if (documented.length > 0) parts.push(l10n.t('Documented in {0}.', documented.join(', ')));

  if (publishableKeyNames.includes(key)) {
    const value = resolveAppEnv(project.envFiles).lookup(key)?.value;
    const instance = value === undefined ? undefined : decodePublishableKey(value.trim());
    // A real Frontend API host is a plain host name, which a code span shows as it is; anything else
    // is a malformed key (key-malformed reports it) and is not shown.
    if (instance && /^[A-Za-z0-9.-]+(:\d+)?$/.test(instance.frontendApi)) {
      const type = instance.instanceType === 'production' ? l10n.t('production') : l10n.t('development');
      parts.push(l10n.t('Clerk instance: `{0}` ({1}).', instance.frontendApi, type));
    }
  }

  const convexUrl = /CONVEX_URL$/.test(key) && project.nextApp ? monorepoConvexUrlSource(workspace, project) : undefined;
  if (convexUrl) {
    const link = fileLink(convexUrl.file, convexUrl.range.start.line, roots);
    parts.push(
      convexUrl.file.endsWith('/package.json')
        ? l10n.t(
            'In this monorepo `npx convex dev` writes CONVEX_URL into the env file of the Convex package ({0}), not of this app: run it there, then copy its value as {1}.',
            link,
            escapeMarkdown(key),
          )
        : l10n.t('In this monorepo `npx convex dev` writes CONVEX_URL for the Convex package: {0}. Copy its value as {1}.', link, escapeMarkdown(key)),
    );
  }

  const readers = readersOf(input, key);
  if (readers.length > 0) {
    const shown = readers.slice(0, maxLinks).map((reader) => fileLink(reader.file, reader.line, roots));
    const more = readers.length > maxLinks ? ` ${l10n.t('(and {0} more)', readers.length - maxLinks)}` : '';
    parts.push(`${l10n.t('Read in:')} ${shown.join(', ')}${more}`);
  }
  const convexDirs = convexPeersOf(project, workspace).convexDirs;
  if (readers.some((reader) => convexDirs.some((convex) => reader.file.startsWith(`${convex.dir}/`)))) {
    parts.push(l10n.t('Convex functions read it from the deployment, not from env files: set it there with `npx convex env set`.'));
    // The link carries the app and the key only: the value is read when it is clicked, so it never
    // sits in the hover. Untrusted workspaces get no link (reading env files out is what trust
    // guards), and only a variable name gets one: what the command accepts, safe in a code span.
    const command = input.copyConvexEnvSetCommand;
    if (input.trusted && command && /^[A-Za-z_]\w*$/.test(key)) {
      parts.push(commandLink(l10n.t('Copy `npx convex env set {0} …`', key), command, [project.root, key]));
      commands.push(command);
    } else {
      parts.push(escapeMarkdown(`npx convex env set ${key} <value>`));
    }
  }
  return { range, markdown: parts.join('\n\n'), commands };
}

/** Reads of the key in the project's code and in the Convex folders it talks to, tests excluded, in file order. */
function readersOf(input: HoverInput, key: string): { file: string; line: number }[] {
  const { project, workspace } = input;
  const files = new Set([
    ...(project.nextApp?.sourceFiles ?? []),
    ...project.convexDirs.flatMap((convex) => convex.functionFiles),
    ...convexPeersOf(project, workspace).convexDirs.flatMap((convex) => convex.functionFiles),
  ]);
  const readers: { file: string; line: number }[] = [];
  for (const file of [...files].sort()) {
    if (isTestOrFixtureFile(file, project.root)) continue;
    for (const read of factOf(input, envReadLines, file) ?? []) if (read.name === key) readers.push({ file, line: read.line });
  }
  return readers;
}

/** The variables a file reads and on which line, kept per content by the session: a hover parses no unchanged file again. */
const envReadLines = treeFact<{ name: string; line: number }[]>({
  compute(text, source) {
    // Only a file that names `env` can read one (`process.env`, `import.meta.env`).
    const sourceFile = text.includes('env') ? source() : undefined;
    return sourceFile ? getEnvReads(sourceFile).map((read) => ({ name: read.name, line: rangeOfNode(read.node, sourceFile).start.line })) : [];
  },
});
