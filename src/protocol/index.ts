// What the VS Code extension and the Clerk Auth Toolkit language server say to each other beyond
// standard LSP. Other editors need none of it: diagnostics, hovers and code actions are plain LSP.
// Types only, plus method names: both bundles import this file.
import type { JwtTemplateInfo, Severity } from '../core/model';
import type { ConvexEnvSetCommand } from '../core/service';

export { commandIds, internalCommandIds } from './commands';

/** `initializationOptions` of the `initialize` request. */
export interface ServerInitializationOptions {
  /** Workspace Trust: false applies the same limits as the extension (no env values read out, no online data). */
  trusted: boolean;
  /** The extension's UI language, so the server's messages use the same translations. */
  locale?: string;
  /** Translations of the server's strings (VS Code's `l10n.bundle` for this extension), when not English. */
  l10nBundle?: Record<string, string>;
  /**
   * The client runs `internalCommandIds` (copy a fix's text, disable a rule in settings, the hover's
   * copy link): code actions and hovers then offer them. Other editors leave it out.
   */
  extensionCommands?: boolean;
  /** Milliseconds an analysis may stay on one file before it is stopped and that file is skipped (default 20,000; tests lower it). */
  analysisTimeLimitMs?: number;
}

/** Client → server notification: the online check's result (undefined = none, offline analysis). */
export const onlineTemplatesNotification = 'clerkToolkit/onlineTemplates';
export interface OnlineTemplatesParams {
  templates?: JwtTemplateInfo[];
}

/** Server → client notification after each analysis: status bar, catalog check marks, tests. */
export const didAnalyzeNotification = 'clerkToolkit/didAnalyze';
export interface DidAnalyzeParams {
  /** Increments with every analysis whose diagnostics were published. */
  generation: number;
  counts: Record<Severity, number>;
  /** Milliseconds the analysis took in the server. */
  durationMs: number;
}

/** Server → client notification: parts of the workspace that could not be analyzed (one line each, no file contents). */
export const analysisFailuresNotification = 'clerkToolkit/analysisFailures';
export interface AnalysisFailuresParams {
  /** Empty when the latest analysis had no failures (ends a streak of notices). */
  failures: string[];
}

/** Client → server request: the detected project of a file (status bar). */
export const projectSummaryRequest = 'clerkToolkit/projectSummary';
export interface ProjectSummaryParams {
  /** The active editor's document, if any; otherwise the first project. */
  uri?: string;
}
export interface ProjectSummaryResult {
  /** URI of the project root; null when no Clerk/Convex project was found. */
  rootUri: string | null;
  nextVersion?: string;
  clerkMajor?: number;
  hasConvex: boolean;
  /** Number of Next.js apps or Convex folders found in the workspace. */
  projectCount: number;
}

/** Client → server request: event types the project's webhook handlers handle (the catalog's check marks). */
export const handledEventTypesRequest = 'clerkToolkit/handledEventTypes';
export interface HandledEventTypesResult {
  eventTypes: string[];
}

/** Client → server request: the clipboard text of a fix, by the id the code action carried. It may hold a secret. */
export const fixClipboardTextRequest = 'clerkToolkit/fixClipboardText';
export interface FixClipboardTextParams {
  fixId: string;
}
export interface FixClipboardTextResult {
  text: string | null;
}

/** Client → server request: `npx convex env set KEY value` with the value the app's env files give it now. */
export const convexEnvSetCommandRequest = 'clerkToolkit/convexEnvSetCommand';
export interface ConvexEnvSetCommandParams {
  projectRoot: string;
  key: string;
}
/** The service's answer as it is (null for a key that is not a variable name). */
export type ConvexEnvSetCommandResult = ConvexEnvSetCommand;

/** Client → server request: re-discover every project and analyse again (the "Re-analyze" command). */
export const reanalyzeRequest = 'clerkToolkit/reanalyze';
