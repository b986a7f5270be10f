import type * as ts from 'typescript';
import type { AppEnv } from '../env/appEnv';
import type { Project, Workspace } from '../project/types';
import type { Finding, Severity } from './types';

/** A JWT template as the online check saw it (`GET /v1/jwt_templates`). */
export interface JwtTemplateInfo {
  name: string;
  /** The template's claims; `aud` is the one Convex compares with `applicationID`. */
  claims: Record<string, unknown>;
}

/** User settings shared by the editor (`clerkToolkit.*`) and the CLI (`.vscode/settings.json`, flags). */
export interface EngineSettings {
  disabledRules?: string[];
  /** Rule id → effective severity, or 'off' to disable. */
  severityOverrides?: Record<string, Severity | 'off'>;
  /** Extra env files, gitignore-style globs relative to each app root, loaded after the standard ones. */
  extraEnvFiles?: string[];
  /** The CLI's `--process-env`: its own environment counts as a source of variables. */
  processEnv?: Record<string, string | undefined>;
  /** Filled by the adapters when the online check ran; undefined otherwise. */
  onlineJwtTemplates?: JwtTemplateInfo[];
  /** When set, only these rules run (the CLI's `--rule`). */
  onlyRules?: string[];
}

/** What a rule sees while checking one project (a Next.js app with its Convex folders, or a Convex folder). */
export interface RuleContext {
  readonly workspace: Workspace;
  readonly project: Project;
  /** The parsed source (unsaved editor text wins), cached per file and text; undefined when missing. */
  source(file: string): ts.SourceFile | undefined;
  /** The text of any file (unsaved editor text wins). */
  readFile(file: string): string | undefined;
  /** The merged env of the project root (Next.js load order, expanded, plus `processEnv`). */
  readonly env: AppEnv;
  readonly settings: EngineSettings;
  /** Present only when the online check ran. */
  readonly onlineJwtTemplates?: JwtTemplateInfo[];
}

export interface Rule {
  /** Stable id, e.g. `env-missing`: used in settings, CLI output, SARIF, docs links, disable comments. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** Localised one-line title. */
  readonly title: string;
  /** Localised description for docs, settings and SARIF (`docs/rules/<id>.md` has the long form). */
  readonly description: string;
  /** Findings for one project; the engine applies settings and disable comments afterwards. */
  check(ctx: RuleContext): Finding[];
}

export function docsUrl(ruleId: string): string {
  return `https://github.com/clerk-auth-toolkit/clerk-auth-toolkit/blob/main/docs/rules/${ruleId}.md`;
}
