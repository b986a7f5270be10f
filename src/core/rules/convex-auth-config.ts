import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import { clerkIssuerVariables, isClerkProvider, issuerOf, readAuthConfig, type AuthConfig, type AuthConfigProvider } from '../analysis/convexAuthConfig';
import { convexPeersOf, readConvexClientAuth, readsIdentity } from '../analysis/convexClientAuth';
import { hostOfIssuer } from '../clerkKeys';
import { rangeOfNode, rangeOfSpan, rangeOfStringContent } from '../parse/sourceFile';
import type { ConvexDir } from '../project/types';
import type { RuleContext } from '../model';
import type { Rule } from './rule';
import type { Finding, Fix } from '../model';

/**
 * What Convex itself refuses or silently mis-reads in `convex/auth.config.*`: two config files
 * (the push fails), a `domain` its URL parser rejects, an empty provider list while the app relies
 * on auth, a development Clerk instance as the only provider (production tokens are rejected),
 * and (info) a hard-coded Clerk domain or a `customJwt` provider without `applicationID`.
 */
export const convexAuthConfigRule: Rule = {
  id: 'convex-auth-config',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('Invalid Convex auth config');
  },
  get description() {
    return l10n.t(
      'convex/auth.config.* that Convex rejects (both .ts and .js, an invalid domain), that signs everyone out (no providers while the app uses auth), or that accepts only a development Clerk instance.',
    );
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
      message: l10n.t(
        'Both {0} and {1} exist: Convex refuses to push ("Found both … choose one"). Delete the one you do not use.',
        baseName(file),
        baseName(other),
      ),
      related: [
        { location: { file: other, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, message: l10n.t('The other auth config') },
      ],
    });
  }
  for (const file of files) {
    const sourceFile = ctx.source(file);
    if (!sourceFile) continue;
    const config = readAuthConfig(sourceFile);
    const variable = issuerVariable(config, ctx);
    const clerkProviders = config.hasUnreadableProviders ? undefined : config.providers.filter(isClerkProvider);
    for (const provider of config.providers) {
      findings.push(
        ...domainFindings(provider, file, variable),
        ...hardCodedIssuerFindings(provider, clerkProviders, file, variable),
        ...customJwtFindings(provider, file),
      );
    }
    findings.push(...emptyProviderFindings(config, dir, ctx, variable));
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

function domainFindings(provider: AuthConfigProvider, file: string, variable: string): Finding[] {
  const literal = provider.domain?.literal;
  const problem = literal && domainProblem(literal.text);
  if (!literal || !problem) return [];
  const repaired = repairedDomain(literal.text, problem);
  const fixes: Fix[] = [];
  if (repaired) {
    fixes.push({
      title: l10n.t('Change the domain to "{0}"', repaired),
      edits: [{ file, range: rangeOfStringContent(literal), newText: repaired }],
      preferred: true,
      safe: true,
    });
  }
  fixes.push(envVarFix(literal, file, variable));
  const messages = {
    quoted: l10n.t(
      'The domain starts with a quote character, so Convex rejects the config ("Invalid provider domain URL … starts with a double quote"). Remove the extra quotes.',
    ),
    scheme: l10n.t(
      'The domain has a scheme other than http or https, so Convex rejects the config ("scheme should be http or https"). Use the Clerk Frontend API URL, https://….',
    ),
    path: l10n.t(
      'The domain has a path: Convex needs the issuer (the Clerk Frontend API URL) and looks up /.well-known/openid-configuration itself, so tokens never match. Keep only the scheme and host.',
    ),
  };
  return [{ ruleId: convexAuthConfigRule.id, severity: 'error', location: { file, range: rangeOfNode(literal) }, message: messages[problem], fixes }];
}

/**
 * A hard-coded Clerk issuer. Several Clerk providers side by side (dev and prod) is the documented
 * setup: silent. A development instance (`*.clerk.accounts.dev`) alone rejects production tokens:
 * warning. Any other single literal works for one instance only: info.
 */
function hardCodedIssuerFindings(provider: AuthConfigProvider, clerkProviders: AuthConfigProvider[] | undefined, file: string, variable: string): Finding[] {
  const literal = issuerOf(provider)?.literal;
  if (!literal || !clerkProviders?.includes(provider) || clerkProviders.length > 1 || domainProblem(literal.text)) return [];
  // customJwt also names its JWKS URL: rewriting the issuer alone would not move it to another instance.
  const fixes = provider.type === 'customJwt' ? [] : [envVarFix(literal, file, variable)];
  const location = { file, range: rangeOfNode(literal) };
  const host = hostOfIssuer(literal.text);
  if (host?.endsWith('.clerk.accounts.dev')) {
    return [
      {
        ruleId: convexAuthConfigRule.id,
        severity: 'warning',
        location,
        message: l10n.t(
          'The only Clerk provider is the development instance {0}: tokens of your production Clerk instance have another issuer, so Convex rejects them and every production user looks signed out. Read the domain from {1} and set it on each Convex deployment, or add the production instance as a second provider.',
          host,
          `process.env.${variable}`,
        ),
        fixes,
      },
    ];
  }
  return [
    {
      ruleId: convexAuthConfigRule.id,
      severity: 'info',
      location,
      message: l10n.t(
        "The Clerk domain is hard-coded: development and production Clerk instances have different Frontend API URLs, so one deployment will reject the other's tokens. Read it from {0} and set that on each Convex deployment.",
        `process.env.${variable}`,
      ),
      fixes,
    },
  ];
}

/** `customJwt` without `applicationID`: Convex then accepts any audience ("often insecure" in its types). */
function customJwtFindings(provider: AuthConfigProvider, file: string): Finding[] {
  if (provider.type !== 'customJwt' || provider.applicationID) return [];
  const typeProperty = provider.node.properties.find((property) => property.name && ts.isIdentifier(property.name) && property.name.text === 'type');
  return [
    {
      ruleId: convexAuthConfigRule.id,
      severity: 'info',
      location: { file, range: rangeOfNode(typeProperty ?? provider.node) },
      message: l10n.t(
        'This customJwt provider has no applicationID, so Convex accepts every token its issuer signs, whatever audience it was issued for (Convex calls this often insecure). Set applicationID to the aud claim of your tokens ("convex" for Clerk\'s Convex integration).',
      ),
    },
  ];
}

/** Rewrites the literal to the env var (no `!` in JavaScript files, where it is a syntax error). */
function envVarFix(literal: ts.StringLiteralLike, file: string, variable: string): Fix {
  const assertion = isTypeScript(file) ? '!' : '';
  const domain = literal.text.trim().replace(/^["']+|["']+$/g, '');
  return {
    title: l10n.t('Read the domain from process.env.{0}', variable),
    edits: [{ file, range: rangeOfNode(literal), newText: `process.env.${variable}${assertion}` }],
    // The Convex deployment needs the value; the domain is not a secret.
    clipboardText: domainProblem(domain) === undefined ? `npx convex env set ${variable} ${domain}` : undefined,
  };
}

function isTypeScript(file: string): boolean {
  return /\.m?ts$/.test(file);
}

/**
 * The issuer variable to write: the one a Clerk provider already reads, else one the comments
 * among the providers mention (Convex's template names CLERK_JWT_ISSUER_DOMAIN there), else one
 * an env file sets, else the name in Clerk's docs. Both names are current.
 */
function issuerVariable(config: AuthConfig, ctx: RuleContext): string {
  const read = config.providers
    .filter(isClerkProvider)
    .map((provider) => issuerOf(provider)?.envVar)
    .find((name) => name !== undefined);
  if (read) return read;
  const comments = providerComments(config);
  return (
    clerkIssuerVariables.find((name) => comments.some((comment) => comment.includes(name))) ??
    clerkIssuerVariables.find((name) => ctx.env.lookup(name) !== undefined || ctx.env.templateEntry(name) !== undefined) ??
    clerkIssuerVariables[0]
  );
}

/** The comments inside the providers array (commented-out providers, setup notes). */
function providerComments(config: AuthConfig): string[] {
  const array = config.providersArray;
  if (!array) return [];
  const text = config.sourceFile.text;
  return [...array.elements.map((element) => element.pos), array.elements.end].flatMap((position) =>
    (ts.getLeadingCommentRanges(text, position) ?? []).map((range) => text.slice(range.pos, range.end)),
  );
}

function emptyProviderFindings(config: AuthConfig, dir: ConvexDir, ctx: RuleContext, variable: string): Finding[] {
  if (!config.providersArray || config.providersArray.elements.length > 0) return [];
  const usesIdentity = dir.functionFiles.some((file) => {
    const sourceFile = ctx.source(file);
    return sourceFile !== undefined && readsIdentity(sourceFile);
  });
  const peers = convexPeersOf(ctx.project, ctx.workspace);
  const clerkProvider = usesIdentity
    ? undefined
    : readConvexClientAuth(
        peers.apps.map((app) => app.sourceFiles),
        ctx,
      ).clerkProviders[0];
  if (!usesIdentity && !clerkProvider) return [];
  return [
    {
      ruleId: convexAuthConfigRule.id,
      severity: 'warning',
      location: { file: config.file, range: rangeOfNode(config.providersArray) },
      message: l10n.t(
        'No auth provider is configured, but the app relies on auth ({0}): Convex treats every user as signed out. Add the Clerk provider {1}.',
        usesIdentity ? 'ctx.auth.getUserIdentity()' : 'ConvexProviderWithClerk',
        `{ domain: process.env.${variable}, applicationID: "convex" }`,
      ),
      related: clerkProvider
        ? [{ location: { file: clerkProvider.file, range: rangeOfNode(clerkProvider.element) }, message: l10n.t('ConvexProviderWithClerk sends Clerk tokens') }]
        : [],
      fixes: [addProviderFix(config, variable)],
    },
  ];
}

/** Inserts the Clerk provider before the closing `]`, keeping any commented-out providers. */
function addProviderFix(config: AuthConfig, variable: string): Fix {
  const array = config.providersArray!;
  const closing = array.getEnd() - 1;
  // `satisfies AuthConfig` needs a string: the `!` is TypeScript only.
  const assertion = isTypeScript(config.file) ? '!' : '';
  const provider = `{ domain: process.env.${variable}${assertion}, applicationID: 'convex' },`;
  return {
    title: l10n.t('Add the Clerk provider'),
    edits: [{ file: config.file, range: rangeOfSpan(config.sourceFile, closing, closing), newText: `\n    ${provider}\n  ` }],
    preferred: true,
  };
}
