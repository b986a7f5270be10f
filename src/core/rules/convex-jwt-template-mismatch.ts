import * as l10n from '@vscode/l10n';
import type * as ts from 'typescript';
import { convexAudience as CONVEX_AUDIENCE, isClerkProvider, readAuthConfig, templateAudiences, type AuthConfigProvider } from '../analysis/convexAuthConfig';
import { convexPeersOf, readConvexClientAuth, type ConvexClientAuth, type TemplateRequest } from '../analysis/convexClientAuth';
import { openingOf } from '../analysis/jsxTree';
import { rangeOfNode, rangeOfStringContent } from '../parse/sourceFile';
import type { JwtTemplateInfo, RuleContext } from '../model';
import type { Rule } from './rule';
import type { Finding, Fix, Location, RelatedInfo } from '../model';

/**
 * Convex accepts a token only when its `aud` contains a provider's `applicationID`; the names on
 * both sides are plain strings compared exactly, so a rename on one side rejects every token with
 * "No auth provider found matching the given token" (and `ConvexProviderWithClerk` swallows the
 * error: the user just looks signed out).
 */
export const convexJwtTemplateMismatchRule: Rule = {
  id: 'convex-jwt-template-mismatch',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('Convex applicationID and Clerk token audience differ');
  },
  get description() {
    return l10n.t(
      'applicationID in convex/auth.config must equal the aud of the token the app sends (the Clerk Convex integration or JWT template "convex" for ConvexProviderWithClerk, template "X" for getToken({ template: "X" })).',
    );
  },
  check(ctx) {
    const peers = convexPeersOf(ctx.project, ctx.workspace);
    const applicationIds = peers.convexDirs.flatMap((dir) =>
      dir.authConfigFiles.flatMap((file) => {
        const sourceFile = ctx.source(file);
        return sourceFile ? clerkApplicationIds(readAuthConfig(sourceFile).providers) : [];
      }),
    );
    const auth = readConvexClientAuth(
      peers.apps.map((app) => app.sourceFiles),
      ctx,
    );
    const ownsFile = (file: string) => file.startsWith(`${ctx.project.root}/`);
    return [
      ...applicationIdFindings(applicationIds, auth, ctx).filter((finding) => ownsFile(finding.location.file)),
      ...templateFindings(applicationIds, auth, ctx).filter((finding) => ownsFile(finding.location.file)),
    ];
  },
};

/** The `applicationID` literals of the providers that belong to Clerk (or of the only provider). */
function clerkApplicationIds(providers: AuthConfigProvider[]): ts.StringLiteralLike[] {
  const clerk = providers.length === 1 ? providers : providers.filter(isClerkProvider);
  return clerk.flatMap((provider) => (provider.applicationID?.literal ? [provider.applicationID.literal] : []));
}

function locationOf(node: ts.Node): Location {
  return { file: node.getSourceFile().fileName, range: rangeOfNode(node) };
}

function literalLocation(literal: ts.StringLiteralLike): Location {
  return { file: literal.getSourceFile().fileName, range: rangeOfStringContent(literal) };
}

function renameLiteral(literal: ts.StringLiteralLike, to: string, title: string, extra: Partial<Fix> = {}): Fix {
  return { title, edits: [{ ...literalLocation(literal), newText: to }], ...extra };
}

function audiencesOf(template: JwtTemplateInfo | undefined): string[] {
  return templateAudiences(template?.claims);
}

function findTemplate(ctx: RuleContext, name: string): JwtTemplateInfo | undefined {
  return ctx.onlineJwtTemplates?.find((template) => template.name === name);
}

function applicationIdFindings(applicationIds: ts.StringLiteralLike[], auth: ConvexClientAuth, ctx: RuleContext): Finding[] {
  // A token path the analysis cannot see (a custom useAuth wrapper) could satisfy any applicationID.
  if (auth.customProviders.length > 0) return [];
  const findings: Finding[] = [];
  const sent = new Map<string, RelatedInfo[]>();
  const addSent = (audience: string, info: RelatedInfo) => sent.set(audience, [...(sent.get(audience) ?? []), info]);
  for (const usage of auth.clerkProviders) {
    addSent(CONVEX_AUDIENCE, {
      location: locationOf(openingOf(usage.element).tagName),
      message: l10n.t('ConvexProviderWithClerk sends tokens with aud "{0}"', CONVEX_AUDIENCE),
    });
  }
  for (const request of auth.templateRequests) {
    const related = { location: literalLocation(request.literal), message: l10n.t('getToken requests JWT template "{0}" for Convex', request.name) };
    const template = findTemplate(ctx, request.name);
    const audiences = template ? audiencesOf(template) : [request.name];
    for (const audience of audiences) addSent(audience, related);
  }
  if (sent.size === 0) return [];
  const allRelated = [...sent.values()].flat();
  for (const literal of applicationIds) {
    const id = literal.text;
    if (sent.has(id)) {
      findings.push(...onlineConvexTemplateFindings(literal, auth, ctx));
      continue;
    }
    const caseTwin = [...sent.keys()].find((audience) => audience.toLowerCase() === id.toLowerCase());
    const fixes = [...sent.keys()].map((audience) =>
      renameLiteral(literal, audience, l10n.t('Change applicationID to "{0}"', audience), {
        preferred: audience === (caseTwin ?? CONVEX_AUDIENCE),
        // Unambiguous only when the app sends one audience.
        safe: sent.size === 1,
      }),
    );
    findings.push({
      ruleId: convexJwtTemplateMismatchRule.id,
      severity: 'error',
      location: literalLocation(literal),
      message: caseTwin
        ? l10n.t(
            'applicationID "{0}" differs from the audience "{1}" of the app\'s Clerk tokens only in letter case; Convex compares them exactly, so it rejects every token ("No auth provider found matching the given token") and users look signed out. Change it to "{1}".',
            id,
            caseTwin,
          )
        : l10n.t(
            'No token the app sends to Convex has audience "{0}" (it sends {1}), so Convex rejects every token ("No auth provider found matching the given token") and users look signed out. Change applicationID to the audience the app sends.',
            id,
            [...sent.keys()].map((audience) => `"${audience}"`).join(', '),
          ),
      related: allRelated,
      fixes,
    });
  }
  return findings;
}

/**
 * Online, for `ConvexProviderWithClerk`: when the instance has a template named `convex` (its
 * fallback without the Clerk Convex integration), that template must carry the same `aud`. No such
 * template is a valid setup (the integration puts `aud: "convex"` in the session token, and the API
 * cannot tell whether it is active): silent, the hover on `applicationID` explains it.
 */
function onlineConvexTemplateFindings(literal: ts.StringLiteralLike, auth: ConvexClientAuth, ctx: RuleContext): Finding[] {
  const template = auth.clerkProviders.length > 0 && literal.text === CONVEX_AUDIENCE ? findTemplate(ctx, CONVEX_AUDIENCE) : undefined;
  const audiences = audiencesOf(template);
  if (!template || audiences.includes(literal.text)) return [];
  const usage = auth.clerkProviders[0];
  return [
    {
      ruleId: convexJwtTemplateMismatchRule.id,
      severity: 'error',
      location: literalLocation(literal),
      message: l10n.t(
        'The Clerk JWT template "{0}" sets aud {1}, not "{2}": when ConvexProviderWithClerk uses that template (the Convex integration is not active), Convex rejects the token and users look signed out. Set the template\'s aud claim to "{2}" in the Clerk dashboard.',
        CONVEX_AUDIENCE,
        audiences.length > 0 ? audiences.map((a) => `"${a}"`).join(', ') : l10n.t('(none)'),
        literal.text,
      ),
      related: [
        {
          location: locationOf(openingOf(usage.element).tagName),
          message: l10n.t('ConvexProviderWithClerk falls back to JWT template "{0}"', CONVEX_AUDIENCE),
        },
      ],
    },
  ];
}

function templateFindings(applicationIds: ts.StringLiteralLike[], auth: ConvexClientAuth, ctx: RuleContext): Finding[] {
  if (applicationIds.length === 0) return [];
  const ids = [...new Set(applicationIds.map((literal) => literal.text))];
  const related = applicationIds.map((literal) => ({
    location: literalLocation(literal),
    message: l10n.t('Convex accepts tokens with aud "{0}"', literal.text),
  }));
  const findings: Finding[] = [];
  for (const request of auth.templateRequests) {
    const online = ctx.onlineJwtTemplates ? { template: findTemplate(ctx, request.name) } : undefined;
    if (online && !online.template) {
      findings.push({
        ruleId: convexJwtTemplateMismatchRule.id,
        severity: 'info',
        location: literalLocation(request.literal),
        message: l10n.t(
          'The Clerk instance has no JWT template named "{0}"; getToken then fails and Convex sees no user. Create the template (aud "{1}") in the Clerk dashboard, request an existing one, or, with Clerk\'s Convex integration active, call getToken() without a template (the session token then carries aud "convex").',
          request.name,
          ids[0],
        ),
        related,
      });
      continue;
    }
    const audiences = online?.template ? audiencesOf(online.template) : [request.name];
    if (audiences.some((audience) => ids.includes(audience))) continue;
    findings.push({
      ruleId: convexJwtTemplateMismatchRule.id,
      severity: 'error',
      location: literalLocation(request.literal),
      message: online?.template
        ? l10n.t(
            'JWT template "{0}" sets aud {1}, but convex/auth.config accepts {2}: Convex rejects its tokens ("No auth provider found matching the given token"). Set the template\'s aud claim to the applicationID, or request a matching template.',
            request.name,
            audiences.map((a) => `"${a}"`).join(', ') || l10n.t('(none)'),
            ids.map((id) => `"${id}"`).join(', '),
          )
        : l10n.t(
            'getToken requests JWT template "{0}" for Convex, but convex/auth.config accepts applicationID {1}: the names must agree or Convex rejects the token ("No auth provider found matching the given token"). Request the template named like the applicationID, or rename the applicationID.',
            request.name,
            ids.map((id) => `"${id}"`).join(', '),
          ),
      related,
      fixes: templateFixes(request, applicationIds, auth),
    });
  }
  return findings;
}

/** Both directions: rename the requested template, or the applicationID when no other token path needs it. */
function templateFixes(request: TemplateRequest, applicationIds: ts.StringLiteralLike[], auth: ConvexClientAuth): Fix[] {
  const ids = [...new Set(applicationIds.map((literal) => literal.text))];
  const fixes: Fix[] = ids.map((id) => renameLiteral(request.literal, id, l10n.t('Request JWT template "{0}"', id), { preferred: ids.length === 1 }));
  for (const literal of applicationIds) {
    const neededElsewhere =
      (literal.text === CONVEX_AUDIENCE && auth.clerkProviders.length > 0) ||
      auth.templateRequests.some((other) => other !== request && other.name === literal.text);
    if (!neededElsewhere) fixes.push(renameLiteral(literal, request.name, l10n.t('Change applicationID to "{0}"', request.name)));
  }
  return fixes;
}
