import type * as ts from 'typescript';
import type { JwtTemplateInfo, Position, Range } from '../model';
import type { Project, Workspace } from '../project/types';

export interface HoverInput {
  workspace: Workspace;
  project: Project;
  file: string;
  position: Position;
  readFile(file: string): string | undefined;
  source(file: string): ts.SourceFile | undefined;
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

/** The hover at a position: "the other side" of an env key, an `applicationID` or a JWT template name. */
export function hoverAt(_input: HoverInput): HoverContent | undefined {
  return undefined;
}
