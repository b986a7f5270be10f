import type { EnvEntry, ParsedEnvFile } from './envFile';
import { expandEnv, findEntry } from './envFile';

/**
 * Which env files exist and in which order Next.js loads them for `NODE_ENV=development` (the
 * editor's `next dev`): the first file that defines a key wins. `.env.test*` and
 * `.env.production*` never load together with these.
 */
export const localEnvFileNames = ['.env.development.local', '.env.local', '.env.development', '.env'] as const;

/** Env files longer than this are not loaded, by the analysis or the sidebar (real ones are a few KiB). */
export const maxEnvFileLength = 1024 * 1024;

/** Files that document variables without loading them (the common names; `isEnvTemplateName` accepts more). */
export const envTemplateFileNames = ['.env.example', '.env.local.example', '.env.sample', '.env.template', 'env-example'] as const;

/**
 * An env template by its name: an `env` part plus `example`, `sample`, `template`, `dist` or
 * `defaults` in any position (`.env.example`, `.example.env`, `env.example`, `.env.local.template`,
 * `.env.dist`). Source and Markdown files (`env.example.ts`) are not templates.
 */
export function isEnvTemplateName(name: string): boolean {
  const parts = name
    .toLowerCase()
    .split(/[.\-_]/)
    .filter((part) => part !== '');
  return parts.includes('env') && parts.some((part) => templateMarkers.has(part)) && !/\.([cm]?[jt]sx?|json|md|mdx|ya?ml|toml|sh)$/i.test(name);
}

const templateMarkers = new Set(['example', 'sample', 'template', 'dist', 'defaults']);

export type EnvFileKind = 'local' | 'template';

export interface EnvFile {
  /** Absolute path. */
  file: string;
  /** Base name, e.g. `.env.local`. */
  name: string;
  kind: EnvFileKind;
  parsed: ParsedEnvFile;
}

/** Where a variable's effective value comes from. */
export interface EnvDefinition {
  key: string;
  /** The value after `dotenv-expand`, as the app sees it. May be a secret: never show it. */
  value: string;
  /** The env file that wins, or undefined when the value comes from the process environment. */
  file?: EnvFile;
  entry?: EnvEntry;
}

/** The merged environment of one Next.js app. */
export interface AppEnv {
  /** The local env files in load order (highest precedence first); templates excluded. */
  readonly localFiles: EnvFile[];
  readonly templateFiles: EnvFile[];
  /** The effective definition of a key (first local file in load order, or the process env). */
  lookup(key: string): EnvDefinition | undefined;
  /** Every local file's definition of a key, highest precedence first (shadowed ones included). */
  definitionsOf(key: string): EnvDefinition[];
  /** A template file that mentions the key (even with an empty value). */
  templateEntry(key: string): { file: EnvFile; entry: EnvEntry } | undefined;
  /** Values whose expansion was cut at `maxExpandedLength` (the analysis notes them). */
  readonly truncated: { file: EnvFile; key: string }[];
}

/**
 * Merges the files like `@next/env`: process env first, then each file in load order, each file
 * expanded like `dotenv-expand` (`expandEnv`) against what is already loaded (so `${X}` sees higher-precedence
 * values, and a key already set is not overwritten).
 */
export function resolveAppEnv(files: EnvFile[], processEnv: Record<string, string | undefined> = {}): AppEnv {
  const localFiles = files.filter((file) => file.kind === 'local');
  const templateFiles = files.filter((file) => file.kind === 'template');
  const loaded: Record<string, string> = {};
  for (const [key, value] of Object.entries(processEnv)) if (value !== undefined) loaded[key] = value;
  const winners = new Map<string, EnvDefinition>();
  const expandedByFile = new Map<EnvFile, Record<string, string>>();
  const truncated: AppEnv['truncated'] = [];
  for (const file of localFiles) {
    // As Next.js does: a key already loaded keeps its value, and `${X}` resolves against what is loaded.
    const expanded = expandEnv(file.parsed.values, loaded);
    truncated.push(...expanded.truncated.map((key) => ({ file, key })));
    // Object.keys, not Object.entries: see expandEnv.
    for (const key of Object.keys(expanded.values)) {
      const value = expanded.values[key];
      if (key in loaded) continue;
      loaded[key] = value;
      winners.set(key, { key, value, file, entry: findEntry(file.parsed, key) });
    }
    // What each line itself says (also for shadowed keys), references resolved the same way. When no
    // key of the file is shadowed, that is what was just expanded: skip the second pass.
    if (Object.keys(file.parsed.values).every((key) => winners.get(key)?.file === file)) {
      expandedByFile.set(file, expanded.values);
      continue;
    }
    const own = { ...loaded };
    for (const key of Object.keys(file.parsed.values)) if (winners.get(key)?.file !== file) delete own[key];
    expandedByFile.set(file, expandEnv(file.parsed.values, own).values);
  }
  return {
    localFiles,
    templateFiles,
    truncated,
    lookup(key) {
      const fromFile = winners.get(key);
      if (fromFile) return fromFile;
      const fromProcess = processEnv[key];
      return fromProcess === undefined ? undefined : { key, value: fromProcess };
    },
    definitionsOf(key) {
      return localFiles.flatMap((file) => {
        const entry = findEntry(file.parsed, key);
        return entry ? [{ key, value: expandedByFile.get(file)?.[key] ?? entry.value, file, entry }] : [];
      });
    },
    templateEntry(key) {
      for (const file of templateFiles) {
        const entry = findEntry(file.parsed, key);
        if (entry) return { file, entry };
      }
      return undefined;
    },
  };
}
