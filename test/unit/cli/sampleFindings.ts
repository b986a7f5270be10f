import type { Finding } from '../../../src/core/model';

/** Findings as the engine returns them (absolute '/' paths, 0-based ranges), deliberately unsorted. */
export const sampleRoot = '/work/app';

export const sampleFindings: Finding[] = [
  {
    ruleId: 'env-missing',
    severity: 'warning',
    location: { file: '/work/app/.env.local', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    message: 'CLERK_SECRET_KEY is empty.\nSet it in .env.local.',
  },
  {
    ruleId: 'convex-jwt-template-mismatch',
    severity: 'error',
    location: { file: '/work/app/convex/auth.config.ts', range: { start: { line: 4, character: 21 }, end: { line: 4, character: 29 } } },
    message: 'applicationID "Convex" matches no token.',
    related: [
      {
        location: { file: '/work/app/components/ConvexClientProvider.tsx', range: { start: { line: 9, character: 6 }, end: { line: 9, character: 29 } } },
        message: 'ConvexProviderWithClerk sends aud "convex"',
      },
    ],
  },
  {
    ruleId: 'clerk-api-deprecated',
    severity: 'info',
    location: { file: '/work/app/app/layout.tsx', range: { start: { line: 2, character: 9 }, end: { line: 2, character: 27 } } },
    message: 'createRouteMatcher is deprecated.',
    deprecated: true,
  },
  {
    ruleId: 'env-missing',
    severity: 'error',
    location: { file: '/work/app/app/layout.tsx', range: { start: { line: 0, character: 4 }, end: { line: 0, character: 10 } } },
    message: 'NEXT_PUBLIC_CONVEX_URL is not defined.',
  },
];
