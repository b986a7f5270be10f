import type { Rule } from './rule';
import { authRouteMissingRule } from './auth-route-missing';
import { clerkApiDeprecatedRule } from './clerk-api-deprecated';
import { convexAuthConfigRule } from './convex-auth-config';
import { convexIdentityFromArgsRule } from './convex-identity-from-args';
import { convexJwtTemplateMismatchRule } from './convex-jwt-template-mismatch';
import { convexProviderSetupRule } from './convex-provider-setup';
import { convexPublicWriteWithoutAuthRule } from './convex-public-write-without-auth';
import { envConflictRule } from './env-conflict';
import { envConvexDeploymentRule } from './env-convex-deployment';
import { envLegacyNameRule } from './env-legacy-name';
import { envMissingRule } from './env-missing';
import { envServerOnlyInClientRule } from './env-server-only-in-client';
import { keyInstanceMismatchRule } from './key-instance-mismatch';
import { keyMalformedRule } from './key-malformed';
import { middlewareFileConventionRule } from './middleware-file-convention';
import { middlewareMatcherRule } from './middleware-matcher';
import { middlewareMissingRule } from './middleware-missing';
import { secretExposedRule } from './secret-exposed';
import { webhookEventTypeRule } from './webhook-event-type';
import { webhookRawBodyRule } from './webhook-raw-body';
import { webhookResponseRule } from './webhook-response';
import { webhookRouteProtectedRule } from './webhook-route-protected';
import { webhookUnverifiedRule } from './webhook-unverified';

/** Every rule, sorted by id. Add one import and one entry per rule. */
export const allRules: Rule[] = [
  authRouteMissingRule,
  clerkApiDeprecatedRule,
  convexAuthConfigRule,
  convexIdentityFromArgsRule,
  convexJwtTemplateMismatchRule,
  convexProviderSetupRule,
  convexPublicWriteWithoutAuthRule,
  envConflictRule,
  envConvexDeploymentRule,
  envLegacyNameRule,
  envMissingRule,
  envServerOnlyInClientRule,
  keyInstanceMismatchRule,
  keyMalformedRule,
  middlewareFileConventionRule,
  middlewareMatcherRule,
  middlewareMissingRule,
  secretExposedRule,
  webhookEventTypeRule,
  webhookRawBodyRule,
  webhookResponseRule,
  webhookRouteProtectedRule,
  webhookUnverifiedRule,
];
