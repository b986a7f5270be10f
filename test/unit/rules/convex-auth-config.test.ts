import * as assert from 'node:assert/strict';
import { applyFix, check, nextPackage, single, textAt, type Files } from '../ruleTester';
import { convexAuthConfigRule as rule } from '../../../src/core/rules/convex-auth-config';

const config = (domain: string, applicationID = "'convex'") => `import type { AuthConfig } from 'convex/server';

export default {
  providers: [
    {
      domain: ${domain},
      applicationID: ${applicationID},
    },
  ],
} satisfies AuthConfig;
`;

const convexOnly = (files: Files): Files => ({ 'package.json': JSON.stringify({ name: 'backend', dependencies: { convex: '1.45.0' } }), 'convex/schema.ts': 'export default {};\n', ...files });

describe('convex-auth-config', () => {
  it('stays silent on the current config (env var domain) and with a bare host or trailing slash', () => {
    assert.deepEqual(check(rule, convexOnly({ 'convex/auth.config.ts': config('process.env.CLERK_FRONTEND_API_URL!') })), []);
    assert.deepEqual(check(rule, convexOnly({ 'convex/auth.config.ts': config("'https://auth.example.com/'") })), []);
    assert.deepEqual(check(rule, convexOnly({ 'convex/auth.config.ts': config("'auth.example.com'") })), []);
  });

  it('flags a JWKS URL as domain and fixes it to the issuer', () => {
    const files = convexOnly({ 'convex/auth.config.ts': config("'https://verb-noun-42.clerk.accounts.dev/.well-known/jwks.json'") });
    const finding = single(check(rule, files));
    assert.equal(finding.severity, 'error');
    assert.equal(textAt(files, finding), "'https://verb-noun-42.clerk.accounts.dev/.well-known/jwks.json'");
    const fix = finding.fixes!.find((candidate) => candidate.preferred)!;
    assert.ok(fix.safe);
    const fixed = applyFix(files, fix);
    assert.match(fixed['convex/auth.config.ts'], /domain: 'https:\/\/verb-noun-42\.clerk\.accounts\.dev',/);
    // Now only the hard-coded development instance remains (a warning: production tokens are rejected); its fix moves it to the env var.
    const devOnly = single(check(rule, fixed));
    assert.equal(devOnly.severity, 'warning');
    assert.equal(devOnly.fixes![0].clipboardText, 'npx convex env set CLERK_FRONTEND_API_URL https://verb-noun-42.clerk.accounts.dev');
    const final = applyFix(fixed, devOnly.fixes![0]);
    assert.match(final['convex/auth.config.ts'], /domain: process\.env\.CLERK_FRONTEND_API_URL!,/);
    assert.deepEqual(check(rule, final), []);
  });

  it('flags a domain quoted twice and a non-http scheme', () => {
    const quoted = single(check(rule, convexOnly({ 'convex/auth.config.ts': config(`'"https://clerk.example.com"'`) })));
    assert.match(quoted.message, /quote/);
    assert.equal(quoted.fixes![0].title, 'Change the domain to "https://clerk.example.com"');
    const scheme = single(check(rule, convexOnly({ 'convex/auth.config.ts': config("'ftp://clerk.example.com'") })));
    assert.match(scheme.message, /http or https/);
  });

  it('writes no TypeScript-only `!` into auth.config.js', () => {
    const files = convexOnly({ 'convex/auth.config.js': config("'https://clerk.example.com'").replace("import type { AuthConfig } from 'convex/server';\n", '').replace(' satisfies AuthConfig', '') });
    const info = single(check(rule, files));
    assert.equal(info.severity, 'info');
    const fixed = applyFix(files, info.fixes![0]);
    assert.match(fixed['convex/auth.config.js'], /domain: process\.env\.CLERK_FRONTEND_API_URL,/);
  });

  it('flags both auth.config.ts and auth.config.js on the .js file', () => {
    const files = convexOnly({ 'convex/auth.config.ts': config('process.env.CLERK_FRONTEND_API_URL!'), 'convex/auth.config.js': config('process.env.CLERK_FRONTEND_API_URL') });
    const finding = single(check(rule, files));
    assert.equal(finding.location.file, '/ws/convex/auth.config.js');
    assert.equal(finding.related?.[0].location.file, '/ws/convex/auth.config.ts');
  });

  it('warns about providers commented out while ConvexProviderWithClerk is used, and the fix adds the provider', () => {
    const files: Files = {
      'package.json': nextPackage('16.0.7', { convex: '1.45.0' }),
      'convex/auth.config.ts': `export default {\n  providers: [\n    // { domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" },\n  ],\n};\n`,
      'app/ConvexClientProvider.tsx': `'use client';\nimport { ConvexProviderWithClerk } from 'convex/react-clerk';\nimport { ConvexReactClient } from 'convex/react';\nimport { useAuth } from '@clerk/nextjs';\nconst convex = new ConvexReactClient('https://x.convex.cloud');\nexport default function P({ children }: { children: React.ReactNode }) {\n  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;\n}\n`,
    };
    const finding = single(check(rule, files));
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.related?.[0].location.file, '/ws/app/ConvexClientProvider.tsx');
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['convex/auth.config.ts'], /\/\/ \{ domain/);
    assert.deepEqual(check(rule, fixed), []);
  });

  it('stays silent on an empty provider list when nothing uses auth', () => {
    assert.deepEqual(check(rule, convexOnly({ 'convex/auth.config.ts': 'export default { providers: [] };\n' })), []);
    const withIdentity = convexOnly({
      'convex/auth.config.ts': 'export default { providers: [] };\n',
      'convex/me.ts': `import { query } from './_generated/server';\nexport const me = query({ args: {}, handler: async (ctx) => ctx.auth.getUserIdentity() });\n`,
    });
    assert.equal(single(check(rule, withIdentity)).severity, 'warning');
  });
  it('warns when a development instance (*.clerk.accounts.dev) is the only Clerk provider, on the literal, with the message naming the host', () => {
    const files = convexOnly({ 'convex/auth.config.ts': config("'https://verb-noun-42.clerk.accounts.dev'") });
    const finding = single(check(rule, files));
    assert.equal(finding.ruleId, 'convex-auth-config');
    assert.equal(finding.severity, 'warning');
    assert.equal(textAt(files, finding), "'https://verb-noun-42.clerk.accounts.dev'");
    assert.deepEqual(finding.location.range, { start: { line: 5, character: 14 }, end: { line: 5, character: 55 } });
    assert.match(finding.message, /only Clerk provider is the development instance verb-noun-42\.clerk\.accounts\.dev: tokens of your production Clerk instance/);
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['convex/auth.config.ts'], /\n      domain: process\.env\.CLERK_FRONTEND_API_URL!,\n/);
  });

  it('accepts development and production providers side by side', () => {
    const files = convexOnly({
      'convex/auth.config.ts': `export default {\n  providers: [\n    { domain: 'https://verb-noun-42.clerk.accounts.dev', applicationID: 'convex' },\n    { domain: 'https://clerk.example.com', applicationID: 'convex' },\n  ],\n};\n`,
    });
    assert.deepEqual(check(rule, files), []);
  });

  it('accepts a customJwt provider with issuer, jwks, algorithm and applicationID; without applicationID it is info on the type', () => {
    const customJwt = (applicationID: string) => `import type { AuthConfig } from 'convex/server';\n\nexport default {\n  providers: [\n    {\n      type: 'customJwt',\n      issuer: process.env.CLERK_FRONTEND_API_URL!,\n      jwks: \`\${process.env.CLERK_FRONTEND_API_URL}/.well-known/jwks.json\`,\n      algorithm: 'RS256',\n${applicationID}    },\n  ],\n} satisfies AuthConfig;\n`;
    assert.deepEqual(check(rule, convexOnly({ 'convex/auth.config.ts': customJwt("      applicationID: 'convex',\n") })), []);
    const files = convexOnly({ 'convex/auth.config.ts': customJwt('') });
    const finding = single(check(rule, files));
    assert.equal(finding.severity, 'info');
    assert.equal(textAt(files, finding), "type: 'customJwt'");
    assert.match(finding.message, /no applicationID/);
  });

  it('treats CLERK_JWT_ISSUER_DOMAIN as current: silent when read, and the fixes keep the name the project uses', () => {
    assert.deepEqual(check(rule, convexOnly({ 'convex/auth.config.ts': config('process.env.CLERK_JWT_ISSUER_DOMAIN!') })), []);
    const documented = convexOnly({ 'convex/auth.config.ts': config("'https://verb-noun-42.clerk.accounts.dev'"), '.env.example': 'CLERK_JWT_ISSUER_DOMAIN=\n' });
    const finding = single(check(rule, documented));
    assert.match(finding.message, /process\.env\.CLERK_JWT_ISSUER_DOMAIN/);
    assert.equal(finding.fixes![0].title, 'Read the domain from process.env.CLERK_JWT_ISSUER_DOMAIN');
    assert.equal(finding.fixes![0].clipboardText, 'npx convex env set CLERK_JWT_ISSUER_DOMAIN https://verb-noun-42.clerk.accounts.dev');
  });

  it('adds the provider Convex\'s template comments name, keeping the `!` satisfies AuthConfig needs', () => {
    const template = `import { AuthConfig } from "convex/server";\n\nexport default {\n  providers: [\n    // Replace with your own Clerk Issuer URL from your "convex" JWT template\n    // or with \`process.env.CLERK_JWT_ISSUER_DOMAIN\`\n  ],\n} satisfies AuthConfig;\n`;
    const files = convexOnly({
      'convex/auth.config.ts': template,
      'convex/me.ts': `import { query } from './_generated/server';\nexport const me = query({ args: {}, handler: async (ctx) => ctx.auth.getUserIdentity() });\n`,
    });
    const finding = single(check(rule, files));
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.location.range.start.line, 3);
    assert.match(finding.message, /\{ domain: process\.env\.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" \}/);
    assert.equal(finding.fixes![0].title, 'Add the Clerk provider');
    assert.equal(finding.fixes![0].edits[0].newText, "\n    { domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: 'convex' },\n  ");
    const fixed = applyFix(files, finding.fixes![0]);
    assert.ok(fixed['convex/auth.config.ts'].includes("    // or with `process.env.CLERK_JWT_ISSUER_DOMAIN`\n  \n    { domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: 'convex' },\n  ],\n} satisfies AuthConfig;"));
    assert.deepEqual(check(rule, fixed), []);
  });
});
