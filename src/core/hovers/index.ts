import type * as ts from 'typescript';
import type { JwtTemplateInfo, Position, Range } from '../model';
import type { FileFact } from '../parse/fileFacts';
import type { Project, Workspace } from '../project/types';
import { applicationIdAt, applicationIdHover, templateHover, templateRequestAt } from './convexAuthHovers';
import { envKeyAt, envKeyHover } from './envKeyHover';

export { escapeMarkdown } from './markdown';

export interface HoverInput {
  workspace: Workspace;
  project: Project;
  file: string;
  position: Position;
  readFile(file: string): string | undefined;
  source(file: string): ts.SourceFile | undefined;
  /** The session's per-file facts (`parse/fileFacts.ts`); computed on the spot without it. */
  fact?<T>(fact: FileFact<T>, file: string): T | undefined;
  /** The session's kept joins of those facts (`filesWithFact`); filtered on the spot without it. */
  filesWith?<T>(fact: FileFact<T>, files: readonly string[]): readonly string[];
  onlineJwtTemplates?: JwtTemplateInfo[];
  /** Workspace Trust: untrusted hovers never offer to read env values out. */
  trusted: boolean;
  /** Command id of the adapter's "copy npx convex env set" command; no link when absent (other editors). */
  copyConvexEnvSetCommand?: string;
}

export interface HoverContent {
  range: Range;
  /** Markdown; every piece of file text in it is escaped. */
  markdown: string;
  /** Command ids linked from the markdown (`command:` links); the adapter enables only these. */
  commands: string[];
}

/**
 * Hovers that show "the other side", read with the parsers the rules use: for an env key (in an
 * env file or a `process.env.X` read) where it is defined in load order, documented and read; for
 * `applicationID` in a Convex auth config the token paths that must match it; for a
 * `getToken({ template: "X" })` that feeds Convex the `applicationID`s it must equal.
 */
export function hoverAt(input: HoverInput): HoverContent | undefined {
  const envKey = envKeyAt(input);
  if (envKey) return envKeyHover(input, envKey.key, envKey.range);
  const applicationId = applicationIdAt(input);
  if (applicationId) return applicationIdHover(input, applicationId.value, applicationId.range);
  const template = templateRequestAt(input);
  if (template) return templateHover(input, template.request, template.range);
  return undefined;
}
