import type { EngineSettings } from './model';
import type { Severity } from './model';

/** The `clerkToolkit.rules` values: a severity, or `off`. */
export const ruleSettingValues = ['off', 'error', 'warning', 'info'] as const;
export type RuleSettingValue = (typeof ruleSettingValues)[number];

/** The raw `clerkToolkit.*` values the editor and the CLI (`.vscode/settings.json`) both read. */
export interface ToolkitSettingValues {
  /** `clerkToolkit.rules`: rule id → `off` | `error` | `warning` | `info`. */
  rules?: unknown;
  /** `clerkToolkit.envFiles`: extra env file globs. */
  envFiles?: unknown;
}

export interface SettingsProblem {
  setting: 'clerkToolkit.rules' | 'clerkToolkit.envFiles';
  /** The offending rule id or value, for the adapter's message. */
  detail: string;
}

/**
 * Turns raw setting values into engine settings. Values are untrusted JSON (a hand-edited
 * settings.json), so unknown rule ids and bad values are skipped and reported, not thrown: a
 * typo in one entry must not switch off the whole check.
 */
export function engineSettingsFromValues(
  values: ToolkitSettingValues,
  knownRuleIds: readonly string[],
): { settings: EngineSettings; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const severityOverrides: Record<string, Severity | 'off'> = {};
  if (isRecord(values.rules)) {
    for (const [id, value] of Object.entries(values.rules)) {
      if (!knownRuleIds.includes(id)) problems.push({ setting: 'clerkToolkit.rules', detail: id });
      else if (!ruleSettingValues.includes(value as RuleSettingValue))
        problems.push({ setting: 'clerkToolkit.rules', detail: `${id}: ${JSON.stringify(value)}` });
      else severityOverrides[id] = value as RuleSettingValue;
    }
  } else if (values.rules !== undefined) {
    problems.push({ setting: 'clerkToolkit.rules', detail: JSON.stringify(values.rules) });
  }
  const envFiles = Array.isArray(values.envFiles) ? values.envFiles.filter((glob): glob is string => typeof glob === 'string' && glob.trim() !== '') : [];
  if (values.envFiles !== undefined && (!Array.isArray(values.envFiles) || envFiles.length !== values.envFiles.length)) {
    problems.push({ setting: 'clerkToolkit.envFiles', detail: JSON.stringify(values.envFiles) });
  }
  const settings: EngineSettings = {};
  if (Object.keys(severityOverrides).length > 0) settings.severityOverrides = severityOverrides;
  if (envFiles.length > 0) settings.extraEnvFiles = envFiles;
  return { settings, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
