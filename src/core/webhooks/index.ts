// The `dist/webhooks.js` chunk: everything the webhooks views and the CLI need that pulls in
// @clerk/backend, svix or the generated catalog. Loaded on first use (src/extension/lazyModules.ts).
export * from './catalog.generated';
export * from './catalog';
export * from './errors';
export * from './signing';
export * from './clerkApi';
export * from './svixUrl';
export * from './deliveries';
export * from './instance';
export * from './presentation';

// Lets the extension hand VS Code's translations to this lazily loaded bundle.
export { configureL10n } from '../l10n';
// The diagnostics' online check (convex-jwt-template-mismatch) shares the Clerk API client.
export * from '../clerk/jwtTemplates';
