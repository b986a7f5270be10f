import * as l10n from '@vscode/l10n';
import type * as ts from 'typescript';
import { looksLikeClerkIssuer, readAuthConfig, type AuthConfig, type AuthConfigProvider } from '../analysis/convexAuthConfig';
import { convexPeersOf, readConvexClientAuth, readsIdentity } from '../analysis/convexClientAuth';
import { rangeOfNode, rangeOfSpan, rangeOfStringContent } from '../parse/sourceFile';
import type { ConvexDir } from '../project/types';
import type { Rule, RuleContext } from './rule';
import type { Finding, Fix } from './types';

/** The env var name Clerk's Convex docs use for the Frontend API URL. */
const DOMAIN_ENV_VAR = 'CLERK_FRONTEND_API_URL';

/**
 * What Convex itself refuses or silently mis-reads in `convex/auth.config.*`: two config files
 * (the push fails), a `domain` its URL parser rejects, an empty provider list while the app relies
 * on auth, and (info) a hard-coded Clerk domain that differs between dev and prod instances.
 */
export const convexAuthConfigRule: Rule = {
  id: 'convex-auth-config',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('Invalid Convex auth config');
  },
  get description() {
    return l10n.t('convex/auth.config.* that Convex rejects (both .ts and .js, an invalid domain) or that signs everyone out (no providers while the app uses auth).');
  },
  check(ctx) {
    return ctx.project.convexDirs.flatMap((dir) => checkConvexDir(dir, ctx));
  },
};

function checkConvexDir(dir: ConvexDir, ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const files = dir.authConfigFiles;
  const typescriptFile = files.find((file) => /\.m?ts$/.test(file));
  for (const file of files) {
    if (file === typescriptFile || files.length < 2) continue;
    const other = typescriptFile ?? files.find((candidate) => candidate !== file)!;
    findings.push({
      ruleId: convexAuthConfigRule.id,
      severity: 'error',
      location: { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
      message: l10n.t('Both {0} and {1} exist: Convex refuses to push ("Found both … choose one"). Delete the one you do not use.', baseName(file), baseName(other)),
      related: [{ location: { file: other, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, message: l10n.t('The other auth config') }],
    });
  }
  for (const file of files) {
    const sourceFile = ctx.source(file);
    if (!sourceFile) continue;
    const config = readAuthConfig(sourceFile);
    for (const provider of config.providers) findings.push(...domainFindings(provider, file));
    findings.push(...emptyProviderFindings(config, dir, ctx));
  }
  return findings;
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** Why Convex's issuer URL parser (`deserialize_issuer_url`) rejects a domain, if it does. */
function domainProblem(value: string): 'quoted' | 'scheme' | 'path' | undefined {
  const trimmed = value.trim();
  if (trimmed.startsWith('"') || trimmed.startsWith("'")) return 'quoted';
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1];
  if (scheme && !/^https?$/i.test(scheme)) return 'scheme';
  const path = trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^/?#]*/, '');
  // A trailing `/` is normalised away; anything else after the host is a real path.
  if (path !== '' && path !== '/') return 'path';
  return undefined;
}

/** The domain with the mistake removed, when that is unambiguous. */
function repairedDomain(value: string, problem: 'quoted' | 'scheme' | 'path'): string | undefined {
  const trimmed = value.trim();
  if (problem === 'quoted') {
    const inner = trimmed.replace(/^["']+|["']+$/g, '');
    return domainProblem(inner) === undefined ? inner : undefined;
  }
  if (problem === 'path') {
    const match = /^((?:https?:\/\/)?[^/?#]+)/i.exec(trimmed);
    return match?.[1];
  }
  return undefined;
}

function domainFindings(provider: AuthConfigProvider, file: string): Finding[] {
  const literal = provider.domain?.literal;
  if (!literal) return [];
  const envFix = envVarFix(literal, file);
  const problem = domainProblem(literal.text);
  if (!problem) {
    if (!looksLikeClerkIssuer(provider.domain)) return [];
    return [{
      ruleId: convexAuthConfigRule.id,
      severity: 'info',
      location: { file, range: rangeOfNode(literal) },
      message: l10n.t('The Clerk domain is hard-coded: development and production Clerk instances have different Frontend API URLs, so one deployment will reject the other\'s tokens. Read it from {0} and set that on each Convex deployment.', `process.env.${DOMAIN_ENV_VAR}`),
      fixes: [envFix],
    }];
  }
  const repaired = repairedDomain(literal.text, problem);
  const fixes: Fix[] = [];
  if (repaired) {
    fixes.push({ title: l10n.t('Change the domain to "{0}"', repaired), edits: [{ file, range: rangeOfStringContent(literal), newText: repaired }], preferred: true, safe: true });
  }
  fixes.push(envFix);
  const messages = {
    quoted: l10n.t('The domain starts with a quote character, so Convex rejects the config ("Invalid provider domain URL … starts with a double quote"). Remove the extra quotes.'),
    scheme: l10n.t('The domain has a scheme other than http or https, so Convex rejects the config ("scheme should be http or https"). Use the Clerk Frontend API URL, https://….'),
    path: l10n.t('The domain has a path: Convex needs the issuer (the Clerk Frontend API URL) and looks up /.well-known/openid-configuration itself, so tokens never match. Keep only the scheme and host.'),
  };
  return [{ ruleId: convexAuthConfigRule.id, severity: 'error', location: { file, range: rangeOfNode(literal) }, message: messages[problem], fixes }];
}

/** Rewrites the literal to the env var (no `!` in JavaScript files, where it is a syntax error). */
function envVarFix(literal: ts.StringLiteralLike, file: string): Fix {
  const assertion = /\.m?ts$/.test(file) ? '!' : '';
  const domain = literal.text.trim().replace(/^["']+|["']+$/g, '');
  return {
    title: l10n.t('Read the domain from process.env.{0}', DOMAIN_ENV_VAR),
    edits: [{ file, range: rangeOfNode(literal), newText: `process.env.${DOMAIN_ENV_VAR}${assertion}` }],
    // The Convex deployment needs the value; the domain is not a secret.
    clipboardText: domainProblem(domain) === undefined ? `npx convex env set ${DOMAIN_ENV_VAR} ${domain}` : undefined,
  };
}

function emptyProviderFindings(config: AuthConfig, dir: ConvexDir, ctx: RuleContext): Finding[] {
  if (!config.providersArray || config.providersArray.elements.length > 0) return [];
  const usesIdentity = dir.functionFiles.some((file) => {
    const sourceFile = ctx.source(file);
    return sourceFile !== undefined && readsIdentity(sourceFile);
  });
  const peers = convexPeersOf(ctx.project, ctx.workspace);
  const clerkProvider = usesIdentity ? undefined : readConvexClientAuth(peers.apps.flatMap((app) => app.sourceFiles), ctx.source).clerkProviders[0];
  if (!usesIdentity && !clerkProvider) return [];
  return [{
    ruleId: convexAuthConfigRule.id,
    severity: 'warning',
    location: { file: config.file, range: rangeOfNode(config.providersArray) },
    message: l10n.t('No auth provider is configured, but the app relies on auth ({0}): Convex treats every user as signed out. Add the Clerk provider {1}.', usesIdentity ? 'ctx.auth.getUserIdentity()' : 'ConvexProviderWithClerk', `{ domain: process.env.${DOMAIN_ENV_VAR}, applicationID: "convex" }`),
    related: clerkProvider ? [{ location: { file: clerkProvider.file, range: rangeOfNode(clerkProvider.element) }, message: l10n.t('ConvexProviderWithClerk sends Clerk tokens') }] : [],
    fixes: [addProviderFix(config)],
  }];
}

/** Inserts the Clerk provider before the closing `]`, keeping any commented-out providers. */
function addProviderFix(config: AuthConfig): Fix {
  const array = config.providersArray!;
  const closing = array.getEnd() - 1;
  const assertion = /\.m?ts$/.test(config.file) ? '!' : '';
  const provider = `{ domain: process.env.${DOMAIN_ENV_VAR}${assertion}, applicationID: 'convex' },`;
  return {
    title: l10n.t('Add the Clerk provider'),
    edits: [{ file: config.file, range: rangeOfSpan(config.sourceFile, closing, closing), newText: `\n    ${provider}\n  ` }],
    preferred: true,
  };
}
