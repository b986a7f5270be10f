import * as l10n from '@vscode/l10n';
import { issuerOf, readAuthConfig } from '../analysis/convexAuthConfig';
import { decodePublishableKey, hostOfIssuer, secretKeyInstanceType } from '../clerkKeys';
import { definitionLocation, publishableKeyName, secretKeyName } from '../env/variables';
import { rangeOfNode } from '../parse/sourceFile';
import type { RuleContext } from '../model';
import type { Rule } from './rule';
import type { Finding, Location, RelatedInfo } from '../model';

/** A provider's `domain` (or customJwt `issuer`) and its host when it can be known offline. */
interface ProviderDomain {
  location: Location;
  /** Undefined when it comes from an env var no local env file holds. */
  host?: string;
  envName?: string;
}

export const keyInstanceMismatchRule: Rule = {
  id: 'key-instance-mismatch',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('Keys from different Clerk instances');
  },
  get description() {
    return l10n.t('The publishable and secret keys, or the publishable key and the Convex auth config, belong to different Clerk instances.');
  },
  check(ctx) {
    const pk = ctx.env.lookup(publishableKeyName);
    const decoded = pk ? decodePublishableKey(pk.value) : undefined;
    if (!pk || !decoded) return [];
    const findings: Finding[] = [];
    const pkLocation = definitionLocation(pk);
    const sk = ctx.env.lookup(secretKeyName);
    const skType = sk ? secretKeyInstanceType(sk.value) : undefined;
    const skLocation = definitionLocation(sk);
    if (skType && skType !== decoded.instanceType && (pkLocation ?? skLocation)) {
      const names = { development: l10n.t('development (pk_test_/sk_test_)'), production: l10n.t('production (pk_live_/sk_live_)') };
      findings.push({
        ruleId: this.id,
        severity: 'error',
        location: (pkLocation ?? skLocation)!,
        message: l10n.t(
          '{0} is a {1} key but {2} is a {3} key: they come from different Clerk instances, which ends in an infinite redirect loop or "invalid signature" errors. Copy both keys from the same instance in the Clerk dashboard.',
          publishableKeyName,
          names[decoded.instanceType],
          secretKeyName,
          names[skType],
        ),
        related: skLocation && pkLocation ? [{ location: skLocation, message: l10n.t('{0} ({1})', secretKeyName, names[skType]) }] : undefined,
      });
    }
    // A proxy or satellite domain changes the issuer; the decoded host then proves nothing.
    if (ctx.env.lookup('NEXT_PUBLIC_CLERK_PROXY_URL')?.value || ctx.env.lookup('NEXT_PUBLIC_CLERK_DOMAIN')?.value) return findings;
    for (const convexDir of ctx.project.convexDirs) {
      for (const file of convexDir.authConfigFiles) {
        const providers = providerDomains(ctx, file);
        if (providers.length === 0 || providers.some((provider) => provider.host === undefined)) continue;
        if (providers.some((provider) => provider.host === decoded.frontendApi.toLowerCase())) continue;
        const related: RelatedInfo[] = pkLocation
          ? [{ location: pkLocation, message: l10n.t('{0} belongs to {1}', publishableKeyName, decoded.frontendApi) }]
          : [];
        findings.push({
          ruleId: this.id,
          severity: 'error',
          location: providers[0].location,
          message: l10n.t(
            'No provider in the Convex auth config matches the Clerk instance of {0} ({1}): Convex rejects every token with "No auth provider found matching the given token". Use that instance\'s Frontend API URL as the domain, or the keys of the instance the domain names.',
            publishableKeyName,
            decoded.frontendApi,
          ),
          related: related.length ? related : undefined,
        });
      }
    }
    return findings;
  },
};

/** Each provider's issuer and its host; empty when some provider's issuer cannot be known (the check then stays silent). */
function providerDomains(ctx: RuleContext, file: string): ProviderDomain[] {
  const source = ctx.source(file);
  const config = source && readAuthConfig(source);
  if (!config || config.hasUnreadableProviders) return [];
  const domains: ProviderDomain[] = [];
  for (const provider of config.providers) {
    const issuer = issuerOf(provider);
    if (!issuer || (!issuer.literal && !issuer.envVar)) return [];
    const location = { file, range: rangeOfNode(issuer.expression) };
    if (issuer.literal) {
      domains.push({ location, host: hostOfIssuer(issuer.literal.text) });
      continue;
    }
    const local = ctx.env.lookup(issuer.envVar!);
    domains.push({ location, envName: issuer.envVar, host: local?.file && local.value ? hostOfIssuer(local.value) : undefined });
  }
  return domains;
}
