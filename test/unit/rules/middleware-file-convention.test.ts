import { middlewareFileConventionRule } from '../../../src/core/rules/middleware-file-convention';
import { nextPackage, ruleTester, type Files } from '../ruleTester';

const clerkFile = "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n";
const namedMiddleware = "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport const middleware = clerkMiddleware();\n";

function app(nextVersion: string, files: Files): Files {
  return { 'package.json': nextPackage(nextVersion), 'app/page.tsx': 'export default function Page() { return null; }\n', ...files };
}

ruleTester.run(middlewareFileConventionRule, {
  valid: [
    { name: 'proxy.ts on Next 16', files: app('16.0.7', { 'proxy.ts': clerkFile }) },
    { name: 'middleware.ts on Next 15', files: app('15.5.4', { 'middleware.ts': clerkFile }) },
    {
      name: 'version-dependent checks stay silent when the Next version is unknown',
      files: {
        'package.json': JSON.stringify({ dependencies: { next: 'latest', '@clerk/nextjs': '7.8.0' } }),
        'app/page.tsx': 'export default function P() { return null; }\n',
        'middleware.ts': clerkFile,
      },
    },
  ],
  invalid: [
    {
      name: 'both files on Next 16: an error on middleware.ts, related to proxy.ts',
      files: app('16.0.7', { 'proxy.ts': clerkFile, 'middleware.ts': clerkFile }),
      errors: [
        {
          ruleId: 'middleware-file-convention',
          severity: 'error',
          file: 'middleware.ts',
          range: [2, 0, 2, 33],
          message:
            'Both middleware.ts and proxy.ts exist: Next.js 16 stops the build ("Both middleware file and proxy file are detected"). Move what middleware.ts does into proxy.ts and delete middleware.ts.',
          related: ['proxy.ts'],
        },
      ],
    },
    {
      name: 'both files on Next 15: only the ignored proxy.ts is reported (the "both" error is Next 16 only), without a rename onto middleware.ts',
      files: app('15.5.4', { 'proxy.ts': clerkFile, 'middleware.ts': clerkFile }),
      errors: [
        {
          ruleId: 'middleware-file-convention',
          severity: 'error',
          file: 'proxy.ts',
          range: [2, 0, 2, 33],
          message: 'Next.js 15 ignores proxy.ts (the proxy convention starts with Next.js 16), so clerkMiddleware() never runs. Rename it to middleware.ts.',
        },
      ],
    },
    {
      name: 'proxy.ts on Next 15: the fix renames it to middleware.ts',
      files: app('15.5.4', { 'proxy.ts': clerkFile }),
      errors: [
        {
          ruleId: 'middleware-file-convention',
          severity: 'error',
          file: 'proxy.ts',
          range: [2, 0, 2, 33],
          message: 'Next.js 15 ignores proxy.ts (the proxy convention starts with Next.js 16), so clerkMiddleware() never runs. Rename it to middleware.ts.',
          fixes: [
            {
              title: 'Rename proxy.ts to middleware.ts',
              output: { 'middleware.ts': "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n", 'proxy.ts': null },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'src/middleware.ts on Next 16: deprecated info; the fix renames the file and a named middleware export',
      files: {
        'package.json': nextPackage('16.0.7'),
        'src/middleware.ts': namedMiddleware,
        'src/app/page.tsx': 'export default function P() { return null; }\n',
      },
      errors: [
        {
          ruleId: 'middleware-file-convention',
          severity: 'info',
          file: 'src/middleware.ts',
          range: [0, 0, 0, 55],
          message:
            'Next.js 16 deprecated the middleware file convention in favour of proxy ("The \\"middleware\\" file convention is deprecated"). Rename middleware.ts to proxy.ts; the code stays the same.',
          deprecated: true,
          fixes: [
            {
              title: 'Rename middleware.ts to proxy.ts',
              output: {
                'src/proxy.ts': "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport const proxy = clerkMiddleware();\n",
                'src/middleware.ts': null,
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'export const runtime in proxy.ts; the fix removes it',
      files: app('16.0.7', { 'proxy.ts': `${clerkFile}\nexport const runtime = 'nodejs';\n` }),
      errors: [
        {
          ruleId: 'middleware-file-convention',
          severity: 'error',
          file: 'proxy.ts',
          range: [4, 0, 4, 32],
          message:
            'Proxy files cannot set runtime: Next.js 16 fails with "Route segment config is not allowed in Proxy file" (proxy always runs on Node.js). Remove this export.',
          fixes: [
            {
              title: 'Remove export const runtime',
              output: { 'proxy.ts': "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n\n" },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'nothing exported the way Next looks it up',
      files: app('16.0.7', { 'proxy.ts': "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport const clerk = clerkMiddleware();\n" }),
      errors: [
        {
          ruleId: 'middleware-file-convention',
          severity: 'error',
          file: 'proxy.ts',
          range: [0, 0, 0, 55],
          message:
            'proxy.ts has no default export and no export named proxy, so Next.js finds no function to run and clerkMiddleware() never runs. Use export default clerkMiddleware().',
        },
      ],
    },
  ],
});
