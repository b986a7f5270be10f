import * as l10n from '@vscode/l10n';
import { clerkRequest, stringField, type ClerkApiOptions } from './clerkApi';
import type { ClerkEnvironment } from './presentation';

export interface ClerkInstanceInfo {
  readonly id: string;
  readonly environment: ClerkEnvironment;
  readonly allowedOrigins: readonly string[];
}

/** `GET /v1/instance`: which instance the secret key belongs to. */
export async function getInstance(clerk: ClerkApiOptions): Promise<ClerkInstanceInfo> {
  const instance = await clerkRequest(clerk, 'GET', '/instance');
  const what = l10n.t('an instance');
  const origins = (instance as { allowed_origins?: unknown }).allowed_origins;
  return {
    id: stringField(instance, 'id', what),
    environment: stringField(instance, 'environment_type', what) === 'production' ? 'production' : 'development',
    allowedOrigins: Array.isArray(origins) ? origins.filter((origin): origin is string => typeof origin === 'string') : [],
  };
}
