import type { Severity } from './findings';

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
