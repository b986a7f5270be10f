/**
 * Reads `convex/auth.config.*` the way Convex evaluates it: the default export (or
 * `module.exports`) is `{ providers: [...] }`, each provider `{ domain, applicationID }` (OIDC) or
 * `{ type: 'customJwt', issuer, jwks, applicationID? }`. Values are kept with their nodes so rules
 * can squiggle and rewrite the literal itself.
 */
import * as ts from 'typescript';
import { findTopLevelConst, getEnvReads, getProperty, resolveObjectLiteral, unwrapExpression } from '../parse/facts';

/** A string-valued provider field: the literal (possibly behind a top-level const) or an env read. */
export interface ConfigValue {
  expression: ts.Expression;
  /** The string literal holding the value, when it is one. */
  literal?: ts.StringLiteralLike;
  /** The variable name when the value is `process.env.X` (with or without `!`). */
  envVar?: string;
}

export interface AuthConfigProvider {
  node: ts.ObjectLiteralExpression;
  type?: string;
  domain?: ConfigValue;
  /** A `customJwt` provider's issuer (it has no `domain`). */
  issuer?: ConfigValue;
  applicationID?: ConfigValue;
}

/**
 * The variable names Clerk's docs (`CLERK_FRONTEND_API_URL`) and Convex's docs and templates
 * (`CLERK_JWT_ISSUER_DOMAIN`) give the issuer: both are current, neither is legacy.
 */
export const clerkIssuerVariables = ['CLERK_FRONTEND_API_URL', 'CLERK_JWT_ISSUER_DOMAIN'] as const;

export interface AuthConfig {
  file: string;
  sourceFile: ts.SourceFile;
  /** The `providers` array literal, when the file has one. */
  providersArray?: ts.ArrayLiteralExpression;
  providers: AuthConfigProvider[];
  /** True when some provider entries could not be read (spreads, calls): absence checks must stay silent. */
  hasUnreadableProviders: boolean;
}

export function readAuthConfig(sourceFile: ts.SourceFile): AuthConfig {
  const config: AuthConfig = { file: sourceFile.fileName, sourceFile, providers: [], hasUnreadableProviders: false };
  const exported = exportedObject(sourceFile);
  const providersProperty = exported && getProperty(exported, 'providers');
  if (!providersProperty) {
    config.hasUnreadableProviders = true;
    return config;
  }
  const value = ts.isPropertyAssignment(providersProperty) ? providersProperty.initializer : providersProperty.name;
  const array = resolveArrayLiteral(value);
  if (!array) {
    config.hasUnreadableProviders = true;
    return config;
  }
  config.providersArray = array;
  for (const element of array.elements) {
    const object = ts.isSpreadElement(element) ? undefined : resolveObjectLiteral(element);
    if (!object) {
      config.hasUnreadableProviders = true;
      continue;
    }
    const typeProperty = getProperty(object, 'type');
    config.providers.push({
      node: object,
      type: typeProperty && ts.isPropertyAssignment(typeProperty) ? readValue(typeProperty.initializer).literal?.text : undefined,
      domain: readField(object, 'domain'),
      issuer: readField(object, 'issuer'),
      applicationID: readField(object, 'applicationID'),
    });
  }
  return config;
}

/** The object literal of `export default …` or `module.exports = …`. */
function exportedObject(sourceFile: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  for (const statement of sourceFile.statements) {
    if (ts.isExportAssignment(statement)) return resolveObjectLiteral(statement.expression);
    if (
      ts.isExpressionStatement(statement) &&
      ts.isBinaryExpression(statement.expression) &&
      statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
    ) {
      const target = statement.expression.left;
      if (
        ts.isPropertyAccessExpression(target) &&
        target.name.text === 'exports' &&
        ts.isIdentifier(target.expression) &&
        target.expression.text === 'module'
      ) {
        return resolveObjectLiteral(statement.expression.right);
      }
    }
  }
  return undefined;
}

function resolveArrayLiteral(expression: ts.Expression): ts.ArrayLiteralExpression | undefined {
  const node = unwrapExpression(expression);
  if (ts.isArrayLiteralExpression(node)) return node;
  if (ts.isIdentifier(node)) {
    const initializer = findTopLevelConst(node.getSourceFile(), node.text)?.initializer;
    return initializer && ts.isArrayLiteralExpression(unwrapExpression(initializer)) ? (unwrapExpression(initializer) as ts.ArrayLiteralExpression) : undefined;
  }
  return undefined;
}

function readField(object: ts.ObjectLiteralExpression, name: string): ConfigValue | undefined {
  const property = getProperty(object, name);
  if (!property) return undefined;
  return readValue(ts.isPropertyAssignment(property) ? property.initializer : property.name);
}

function readValue(expression: ts.Expression): ConfigValue {
  const literal = resolveStringLiteral(expression);
  const node = unwrapExpression(expression);
  const envRead = getEnvReads(node.getSourceFile()).find((read) => read.node === node);
  return { expression, literal, envVar: envRead?.name };
}

/** The string literal behind an expression, through `as`/`satisfies` and top-level consts. */
export function resolveStringLiteral(expression: ts.Expression, depth = 0): ts.StringLiteralLike | undefined {
  const node = unwrapExpression(expression);
  if (ts.isStringLiteralLike(node)) return node;
  if (ts.isIdentifier(node) && depth < 5) {
    const initializer = findTopLevelConst(node.getSourceFile(), node.text)?.initializer;
    return initializer && resolveStringLiteral(initializer, depth + 1);
  }
  return undefined;
}

/** What Convex compares with the token's `iss`: `domain` (OIDC) or `issuer` (`customJwt`). */
export function issuerOf(provider: AuthConfigProvider): ConfigValue | undefined {
  return provider.type === 'customJwt' ? provider.issuer : provider.domain;
}

/** True when the provider's issuer belongs to Clerk. */
export function isClerkProvider(provider: AuthConfigProvider): boolean {
  return looksLikeClerkIssuer(issuerOf(provider));
}

/** True when an issuer value (literal or env var name) belongs to Clerk. */
export function looksLikeClerkIssuer(value: ConfigValue | undefined): boolean {
  if (!value) return false;
  if (value.envVar) return /CLERK/i.test(value.envVar);
  return value.literal !== undefined && /clerk/i.test(value.literal.text);
}

/** The `aud` values a Clerk JWT template sets (string or array claim; anything else sets none). */
export function templateAudiences(claims: Record<string, unknown> | undefined): string[] {
  const aud = claims?.aud;
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((value): value is string => typeof value === 'string') : [];
}

/** Convex's audience for `ConvexProviderWithClerk` tokens (Clerk's Convex integration, or the `convex` JWT template). */
export const convexAudience = 'convex';
