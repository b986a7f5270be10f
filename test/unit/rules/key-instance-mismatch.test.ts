import { keyInstanceMismatchRule } from '../../../src/core/rules/key-instance-mismatch';
import { nextApp, pkLive, ruleTester, skDev, type Files } from '../ruleTester';

const authConfig = (domain: string) => `export default {\n  providers: [{ domain: ${domain}, applicationID: 'convex' }],\n};\n`;
const customJwt = (issuer: string) =>
  `export default {\n  providers: [{ type: 'customJwt', issuer: ${issuer}, jwks: 'https://x/.well-known/jwks.json', algorithm: 'RS256', applicationID: 'convex' }],\n};\n`;
const withLocal = (files: Files, extra: string): Files => ({ ...files, '/ws/.env.local': files['/ws/.env.local'] + extra });
const otherHost = "'https://other-app-1.clerk.accounts.dev'";

ruleTester.run(keyInstanceMismatchRule, {
  valid: [
    {
      name: 'matching host (scheme and trailing slash normalised)',
      files: nextApp({ '/ws/convex/auth.config.ts': authConfig("'example-app-42.clerk.accounts.dev/'") }),
    },
    { name: 'an env var domain whose value is unknown', files: nextApp({ '/ws/convex/auth.config.ts': authConfig('process.env.CLERK_FRONTEND_API_URL!') }) },
    {
      name: 'a second provider that matches',
      files: nextApp({
        '/ws/convex/auth.config.ts':
          "export default { providers: [\n  { domain: 'https://clerk.example.com', applicationID: 'convex' },\n  { domain: 'https://example-app-42.clerk.accounts.dev', applicationID: 'convex' },\n] };\n",
      }),
    },
    {
      name: 'a proxy URL (the host is not the Frontend API)',
      files: withLocal(nextApp({ '/ws/convex/auth.config.ts': authConfig(otherHost) }), 'NEXT_PUBLIC_CLERK_PROXY_URL=https://app.example.com/__clerk\n'),
    },
    {
      name: "a customJwt issuer of the keys' instance",
      files: nextApp({ '/ws/convex/auth.config.ts': customJwt("'https://example-app-42.clerk.accounts.dev'") }),
    },
  ],
  invalid: [
    {
      name: 'pk_live_ with sk_test_, at the publishable key, related to the secret key (no key in the message)',
      files: nextApp({ '/ws/.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkLive}\nCLERK_SECRET_KEY=${skDev}\n` }),
      errors: [
        {
          ruleId: 'key-instance-mismatch',
          severity: 'error',
          file: '.env.local',
          range: [0, 0, 0, 66],
          message:
            'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is a production (pk_live_/sk_live_) key but CLERK_SECRET_KEY is a development (pk_test_/sk_test_) key: they come from different Clerk instances, which ends in an infinite redirect loop or "invalid signature" errors. Copy both keys from the same instance in the Clerk dashboard.',
          related: ['.env.local'],
        },
      ],
    },
    {
      name: 'a literal Convex domain of another instance',
      files: nextApp({ '/ws/convex/auth.config.ts': authConfig(otherHost) }),
      errors: [
        {
          ruleId: 'key-instance-mismatch',
          severity: 'error',
          file: 'convex/auth.config.ts',
          range: [1, 24, 1, 64],
          message:
            'No provider in the Convex auth config matches the Clerk instance of NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY (example-app-42.clerk.accounts.dev): Convex rejects every token with "No auth provider found matching the given token". Use that instance\'s Frontend API URL as the domain, or the keys of the instance the domain names.',
          related: ['.env.local'],
        },
      ],
    },
    {
      name: 'an env var domain whose local value is another instance (positive twin of the unknown value)',
      files: withLocal(
        nextApp({ '/ws/convex/auth.config.ts': authConfig('process.env.CLERK_FRONTEND_API_URL!') }),
        'CLERK_FRONTEND_API_URL=https://other-app-1.clerk.accounts.dev\n',
      ),
      errors: [
        {
          ruleId: 'key-instance-mismatch',
          severity: 'error',
          file: 'convex/auth.config.ts',
          range: [1, 24, 1, 59],
          message:
            'No provider in the Convex auth config matches the Clerk instance of NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY (example-app-42.clerk.accounts.dev): Convex rejects every token with "No auth provider found matching the given token". Use that instance\'s Frontend API URL as the domain, or the keys of the instance the domain names.',
          related: ['.env.local'],
        },
      ],
    },
    {
      name: "a customJwt provider's issuer of another instance",
      files: nextApp({ '/ws/convex/auth.config.ts': customJwt(otherHost) }),
      errors: [
        {
          ruleId: 'key-instance-mismatch',
          severity: 'error',
          file: 'convex/auth.config.ts',
          range: [1, 43, 1, 83],
          message:
            'No provider in the Convex auth config matches the Clerk instance of NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY (example-app-42.clerk.accounts.dev): Convex rejects every token with "No auth provider found matching the given token". Use that instance\'s Frontend API URL as the domain, or the keys of the instance the domain names.',
          related: ['.env.local'],
        },
      ],
    },
    {
      name: 'a module.exports config',
      files: nextApp({ '/ws/convex/auth.config.js': authConfig(otherHost).replace('export default', 'module.exports =') }),
      errors: [
        {
          ruleId: 'key-instance-mismatch',
          severity: 'error',
          file: 'convex/auth.config.js',
          range: [1, 24, 1, 64],
          message:
            'No provider in the Convex auth config matches the Clerk instance of NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY (example-app-42.clerk.accounts.dev): Convex rejects every token with "No auth provider found matching the given token". Use that instance\'s Frontend API URL as the domain, or the keys of the instance the domain names.',
          related: ['.env.local'],
        },
      ],
    },
  ],
});
