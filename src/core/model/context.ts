import type * as ts from 'typescript';
import type { AppEnv } from '../env/appEnv';
import type { FileFact } from '../parse/fileFacts';
import type { Project, Workspace } from '../project/types';
import type { EngineSettings, JwtTemplateInfo } from './settings';

/** What a rule sees while checking one project (a Next.js app with its Convex folders, or a Convex folder). */
export interface RuleContext {
  readonly workspace: Workspace;
  readonly project: Project;
  /** The parsed source (unsaved editor text wins), cached per file and text; undefined when missing. */
  source(file: string): ts.SourceFile | undefined;
  /** The text of any file (unsaved editor text wins). */
  readFile(file: string): string | undefined;
  /** A per-file fact, computed once per file content (`parse/fileFacts.ts`); undefined when the file has no text. */
  fact<T>(fact: FileFact<T>, file: string): T | undefined;
  /** The files of `files` whose fact holds (`filesWithFact`), kept across analyses: an edit looks at the changed files alone. */
  filesWith<T>(fact: FileFact<T>, files: readonly string[]): readonly string[];
  /** The merged env of the project root (Next.js load order, expanded, plus `processEnv`). */
  readonly env: AppEnv;
  readonly settings: EngineSettings;
  /** Present only when the online check ran. */
  readonly onlineJwtTemplates?: JwtTemplateInfo[];
}
