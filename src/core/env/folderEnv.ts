import { decodePublishableKey, type PublishableKeyInfo } from '../clerkKeys';
import { localEnvFileNames, resolveAppEnv, type AppEnv, type EnvDefinition, type EnvFile } from './appEnv';
import { parseEnvFile } from './envFile';
import { publishableKeyNames } from './keyNames';

// Env and instance lookup outside the analysis (the sidebar's key lookup, the CLI's webhooks
// command): the same load order, parser, expansion and key names as the rules.

/**
 * The merged env of the app in `folder`: its local env files in Next.js load order, read through
 * `readFile` (undefined when a file is absent).
 */
export function readFolderEnv(folder: string, readFile: (file: string) => string | undefined): AppEnv {
  const files = localEnvFileNames.flatMap((name): EnvFile[] => {
    const file = `${folder}/${name}`;
    const text = readFile(file);
    return text === undefined ? [] : [{ file, name, kind: 'local', parsed: parseEnvFile(text) }];
  });
  return resolveAppEnv(files);
}

/** The first of `names` the env gives a non-blank value, trimmed (a key pasted with a trailing space still works). */
export function firstDefined(env: AppEnv, names: readonly string[]): EnvDefinition | undefined {
  for (const name of names) {
    const definition = env.lookup(name);
    const value = definition?.value.trim();
    if (definition && value) return { ...definition, value };
  }
  return undefined;
}

/** The Clerk instance the app's publishable key names, with the definition it came from. */
export function clerkInstanceOf(env: AppEnv): { instance: PublishableKeyInfo; definition: EnvDefinition } | undefined {
  const definition = firstDefined(env, publishableKeyNames);
  const instance = definition && decodePublishableKey(definition.value);
  return definition && instance ? { instance, definition } : undefined;
}
