import { callClerk, type ClerkApiOptions } from './clerkApi';
import type { ClerkEnvironment } from './presentation';

export interface ClerkInstanceInfo {
  readonly id: string;
  readonly environment: ClerkEnvironment;
  readonly allowedOrigins: readonly string[];
}

/** `GET /v1/instance`: which instance the secret key belongs to. */
export async function getInstance(clerk: ClerkApiOptions): Promise<ClerkInstanceInfo> {
  const instance = await callClerk(clerk, (client) => client.instance.get());
  return {
    id: instance.id,
    environment: instance.environmentType === 'production' ? 'production' : 'development',
    allowedOrigins: instance.allowedOrigins ?? [],
  };
}
