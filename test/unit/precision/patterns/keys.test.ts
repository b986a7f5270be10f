import { describePatterns, packageJson, type Files } from './harness';

/**
 * key-malformed on committed env files (issue 10, found on the real-world corpus): a placeholder
 * such as `your_clerk_secret_key` in a committed `.env` is documentation of a setup step (info), a
 * value that `.env.local` overrides never reaches Clerk (silent), and a real malformed key that
 * Clerk does receive stays an error.
 */

const pk = 'pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA';
const sk = 'sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh';
const layout =
  "import { ClerkProvider } from '@clerk/nextjs';\nexport default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html><body><ClerkProvider>{children}</ClerkProvider></body></html>;\n}\n";
const app = (files: Files): Files => ({ 'package.json': packageJson({ next: '16.4.6', '@clerk/nextjs': '7.9.17' }), 'app/layout.tsx': layout, ...files });
const rules = ['key-malformed'];
const levels: ('error' | 'warning' | 'info')[] = ['error', 'warning', 'info'];

describePatterns('patterns: key-malformed', [
  {
    name: 'a placeholder in a committed .env is info',
    files: app({ '.env': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pk}\nCLERK_SECRET_KEY=your_clerk_secret_key\n` }),
    expect: [{ rule: 'key-malformed', severity: 'info', file: '.env', line: 'CLERK_SECRET_KEY=', message: /placeholder/ }],
    rules,
    levels,
  },
  {
    name: 'a placeholder that .env.local overrides is silent',
    files: app({ '.env': 'CLERK_SECRET_KEY=your_clerk_secret_key\n', '.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pk}\nCLERK_SECRET_KEY=${sk}\n` }),
    expect: [],
    rules,
    levels,
  },
  {
    name: 'near miss: a mangled real key that Clerk receives is an error',
    files: app({ '.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pk}\nCLERK_SECRET_KEY=${sk.replace('sk_test_', 'sk-test-')}\n` }),
    expect: [{ rule: 'key-malformed', severity: 'error', file: '.env.local', line: 'CLERK_SECRET_KEY=' }],
    rules,
    levels,
  },
]);
