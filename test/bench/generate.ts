/**
 * Generated workspaces for the bench (it fetches nothing). Files have the size of real app code:
 * pages, components and Convex functions of 1–2 KB, so parse time and tree memory are realistic.
 * Every generator is deterministic (same count, same files).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodePublishableKey } from '../../src/core/clerkKeys';

export interface Generated {
  root: string;
  /** Source files (.ts/.tsx) written. */
  sourceFiles: number;
  /** Every file written. */
  files: number;
  /** Bytes of source files. */
  sourceBytes: number;
}

class Writer {
  files = 0;
  sourceFiles = 0;
  sourceBytes = 0;
  constructor(readonly root: string) {}

  write(relative: string, text: string): void {
    const file = path.join(this.root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    this.files += 1;
    if (/\.(ts|tsx|js|jsx|mjs|cjs)$/.test(relative)) {
      this.sourceFiles += 1;
      this.sourceBytes += text.length;
    }
  }

  result(): Generated {
    return { root: this.root, sourceFiles: this.sourceFiles, files: this.files, sourceBytes: this.sourceBytes };
  }
}

const versions = { next: '16.4.6', clerk: '7.9.17', convex: '1.48.0', react: '19.3.1' };

/** A page of an App Router app (~1.5 KB): server auth on some, a list rendered from props. */
function page(i: number, componentCount: number): string {
  const widget = i % componentCount;
  const auth = i % 3 === 0;
  return `${auth ? "import { auth } from '@clerk/nextjs/server';\nimport { redirect } from 'next/navigation';\n" : ''}import type { Metadata } from 'next';
import { Widget${widget} } from '@/components/widget-${widget}';
import { formatTitle, sectionsFor } from '@/lib/util-${i % 50}';

export const metadata: Metadata = {
  title: formatTitle('Section ${i}'),
  description: 'Overview of section ${i}: recent activity, members and settings for this workspace.',
};

interface Section {
  id: string;
  heading: string;
  items: { id: string; label: string; done: boolean }[];
}

function SectionList({ sections }: { sections: Section[] }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {sections.map((section) => (
        <section key={section.id} className="rounded-lg border p-4">
          <h2 className="text-lg font-semibold">{section.heading}</h2>
          <ul className="mt-2 space-y-1">
            {section.items.map((item) => (
              <li key={item.id} className={item.done ? 'line-through text-muted' : ''}>
                {item.label}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export default async function Page${i}({ params }: { params: Promise<{ slug: string }> }) {
${auth ? "  const { userId } = await auth();\n  if (!userId) redirect('/sign-in');\n" : '  const userId = null;\n'}  const { slug } = await params;
  const sections: Section[] = sectionsFor(slug, ${i});
  return (
    <main className="container mx-auto py-8">
      <h1 className="text-2xl font-bold">Section ${i}</h1>
      <Widget${widget} userId={userId} />
      <SectionList sections={sections} />
    </main>
  );
}
`;
}

/** A component (~1.3 KB): a third are client components reading Convex and Clerk hooks. */
function component(i: number): string {
  if (i % 3 === 0) {
    return `'use client';
import { useState } from 'react';
import { useQuery, useMutation } from 'convex/react';
import { useUser } from '@clerk/nextjs';
import { api } from '@backend/convex/_generated/api';

export function Widget${i}({ userId }: { userId: string | null }) {
  const { user } = useUser();
  const items = useQuery(api.items${i % 40}.list, { limit: 20 });
  const add = useMutation(api.items${i % 40}.add);
  const [draft, setDraft] = useState('');
  if (items === undefined) return <p className="text-muted">Loading…</p>;
  return (
    <div className="space-y-2">
      <p>Signed in as {user?.fullName ?? userId ?? 'guest'}</p>
      <ul>
        {items.map((item) => (
          <li key={item._id}>{item.text}</li>
        ))}
      </ul>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (!draft.trim()) return;
          await add({ text: draft.trim() });
          setDraft('');
        }}
      >
        <input value={draft} onChange={(event) => setDraft(event.target.value)} className="rounded border px-2" />
        <button type="submit" className="ml-2 rounded bg-black px-3 text-white">Add</button>
      </form>
    </div>
  );
}
`;
  }
  return `import Link from 'next/link';
import { cn } from '@/lib/util-${i % 50}';

export interface Widget${i}Props {
  userId: string | null;
  compact?: boolean;
}

const links = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/settings', label: 'Settings' },
  { href: '/members', label: 'Members' },
  { href: '/billing', label: 'Billing' },
];

export function Widget${i}({ userId, compact = false }: Widget${i}Props) {
  return (
    <nav className={cn('flex gap-3 border-b pb-2', compact && 'text-sm')}>
      {links.map((link) => (
        <Link key={link.href} href={link.href} className="hover:underline">
          {link.label}
        </Link>
      ))}
      <span className="ml-auto text-muted">{userId ? 'Member' : 'Visitor'}</span>
    </nav>
  );
}

export default Widget${i};
`;
}

/** A utility module (~1 KB). */
function util(i: number): string {
  return `export function cn(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(' ');
}

export function formatTitle(title: string): string {
  return \`\${title} · Acme ${i}\`;
}

export interface SectionItem {
  id: string;
  label: string;
  done: boolean;
}

export function sectionsFor(slug: string, seed: number): { id: string; heading: string; items: SectionItem[] }[] {
  const count = (seed % 4) + 2;
  return Array.from({ length: count }, (_, index) => ({
    id: \`\${slug}-\${index}\`,
    heading: \`Group \${index + 1}\`,
    items: Array.from({ length: 3 }, (_, item) => ({ id: \`\${index}-\${item}\`, label: \`Task \${item + 1}\`, done: (seed + item) % 2 === 0 })),
  }));
}

export const apiBase = process.env.NEXT_PUBLIC_APP_URL ?? 'http://localhost:3000';
`;
}

/** A route handler (~0.7 KB) protected with auth(). */
function routeHandler(i: number): string {
  return `import { auth } from '@clerk/nextjs/server';
import { NextResponse } from 'next/server';

export async function GET(request: Request) {
  const { userId } = await auth();
  if (!userId) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const url = new URL(request.url);
  const page = Number(url.searchParams.get('page') ?? '1');
  return NextResponse.json({ route: ${i}, page, userId });
}
`;
}

/** A Convex functions file (~1.5 KB) reading the identity. */
function convexFunctions(i: number): string {
  return `import { v } from 'convex/values';
import { mutation, query } from './_generated/server';

export const list = query({
  args: { limit: v.number() },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return [];
    return await ctx.db
      .query('items${i}')
      .withIndex('by_owner', (q) => q.eq('owner', identity.subject))
      .order('desc')
      .take(args.limit);
  },
});

export const add = mutation({
  args: { text: v.string() },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error('Not signed in');
    const text = args.text.trim();
    if (text.length === 0 || text.length > 500) throw new Error('Invalid text');
    return await ctx.db.insert('items${i}', { text, owner: identity.subject, createdAt: Date.now() });
  },
});

export const remove = mutation({
  args: { id: v.id('items${i}') },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error('Not signed in');
    const item = await ctx.db.get(args.id);
    if (!item || item.owner !== identity.subject) throw new Error('Not found');
    await ctx.db.delete(args.id);
  },
});
`;
}

const authConfig = `import type { AuthConfig } from 'convex/server';

export default {
  providers: [
    {
      domain: process.env.CLERK_JWT_ISSUER_DOMAIN!,
      applicationID: 'convex',
    },
  ],
} satisfies AuthConfig;
`;

function layout(): string {
  return `import { ClerkProvider } from '@clerk/nextjs';
import type { ReactNode } from 'react';
import { ConvexClientProvider } from './ConvexClientProvider';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <ClerkProvider>
      <html lang="en">
        <body>
          <ConvexClientProvider>{children}</ConvexClientProvider>
        </body>
      </html>
    </ClerkProvider>
  );
}
`;
}

const convexClientProvider = `'use client';
import type { ReactNode } from 'react';
import { ConvexReactClient } from 'convex/react';
import { ConvexProviderWithClerk } from 'convex/react-clerk';
import { useAuth } from '@clerk/nextjs';

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export function ConvexClientProvider({ children }: { children: ReactNode }) {
  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
`;

const proxy = `import { clerkMiddleware } from '@clerk/nextjs/server';

export default clerkMiddleware();

export const config = {
  matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)', '/(api|trpc)(.*)'],
};
`;

function envLocal(app: string): string {
  return [
    `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${encodePublishableKey(`${app}-bench-42.clerk.accounts.dev`)}`,
    'CLERK_SECRET_KEY=sk_test_0000000000000000000000000000000000000000bench',
    'NEXT_PUBLIC_CONVEX_URL=https://bench-otter-123.convex.cloud',
    'NEXT_PUBLIC_APP_URL=http://localhost:3000',
    '',
  ].join('\n');
}

/** A Next.js app (App Router) with `sourceCount` source files. */
function writeNextApp(out: Writer, dir: string, sourceCount: number, convexDependency: string): void {
  out.write(
    `${dir}/package.json`,
    JSON.stringify(
      {
        name: path.basename(dir),
        private: true,
        scripts: { dev: 'next dev', build: 'next build' },
        dependencies: {
          next: versions.next,
          '@clerk/nextjs': `^${versions.clerk}`,
          convex: convexDependency,
          react: versions.react,
          'react-dom': versions.react,
        },
      },
      null,
      2,
    ),
  );
  out.write(
    `${dir}/tsconfig.json`,
    JSON.stringify({ compilerOptions: { jsx: 'preserve', strict: true, paths: { '@/*': ['./*'], '@backend/*': ['../../packages/backend/*'] } } }, null, 2),
  );
  out.write(`${dir}/next.config.ts`, "import type { NextConfig } from 'next';\n\nconst config: NextConfig = {};\n\nexport default config;\n");
  out.write(`${dir}/.env.local`, envLocal(path.basename(dir)));
  out.write(
    `${dir}/README.md`,
    `# ${path.basename(dir)}\n\nCopy \`.env.example\` to \`.env.local\` and set NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY and CLERK_SECRET_KEY.\n`,
  );
  out.write(`${dir}/.env.example`, 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\nNEXT_PUBLIC_CONVEX_URL=\nNEXT_PUBLIC_APP_URL=\n');
  out.write(`${dir}/proxy.ts`, proxy);
  out.write(`${dir}/app/layout.tsx`, layout());
  out.write(`${dir}/app/ConvexClientProvider.tsx`, convexClientProvider);
  const rest = Math.max(0, sourceCount - 4);
  const routes = Math.max(1, Math.floor(rest * 0.03));
  const utils = Math.min(50, Math.max(1, Math.floor(rest * 0.05)));
  const components = Math.max(1, Math.floor((rest - routes - utils) * 0.5));
  const pages = Math.max(1, rest - routes - utils - components);
  for (let i = 0; i < utils; i++) out.write(`${dir}/lib/util-${i}.ts`, util(i));
  for (let i = 0; i < components; i++) out.write(`${dir}/components/widget-${i}.tsx`, component(i));
  for (let i = 0; i < pages; i++) out.write(`${dir}/app/(dashboard)/s${Math.floor(i / 100)}/p${i}/page.tsx`, page(i, components));
  for (let i = 0; i < routes; i++) out.write(`${dir}/app/api/r${i}/route.ts`, routeHandler(i));
}

/** A Convex package (`packages/backend`) used by the apps of a monorepo. */
function writeConvexPackage(out: Writer, dir: string, functionCount: number): void {
  out.write(
    `${dir}/package.json`,
    JSON.stringify({ name: '@acme/backend', private: true, scripts: { dev: 'convex dev' }, dependencies: { convex: versions.convex } }, null, 2),
  );
  out.write(`${dir}/.env.local`, 'CONVEX_DEPLOYMENT=dev:bench-otter-123\nCONVEX_URL=https://bench-otter-123.convex.cloud\n');
  out.write(`${dir}/convex/auth.config.ts`, authConfig);
  out.write(`${dir}/convex/schema.ts`, "import { defineSchema } from 'convex/server';\n\nexport default defineSchema({});\n");
  for (let i = 0; i < functionCount; i++) out.write(`${dir}/convex/items${i}.ts`, convexFunctions(i));
}

/**
 * pnpm-lock.yaml v9 of a workspace: importers for each package, then `packages:` and `snapshots:`
 * for `extraPackages` made-up dependencies (real locks of such apps hold 800–2,000 packages).
 */
function pnpmLock(importers: Record<string, Record<string, string>>, extraPackages: number): string {
  const lines = ["lockfileVersion: '9.0'", '', 'settings:', '  autoInstallPeers: true', '  excludeLinksFromLockfile: false', '', 'importers:', ''];
  for (const [dir, deps] of Object.entries(importers)) {
    lines.push(`  ${dir}:`, '    dependencies:');
    for (const [name, version] of Object.entries(deps)) {
      const key = name.includes('@') ? `'${name}'` : name;
      lines.push(
        `      ${key}:`,
        `        specifier: ${version.startsWith('link:') ? 'workspace:*' : `^${version}`}`,
        `        version: ${version}${name === 'next' ? `(react@${versions.react})` : ''}`,
      );
    }
    lines.push('');
  }
  lines.push('packages:', '');
  for (let i = 0; i < extraPackages; i++) {
    lines.push(`  dep-${i}@1.${i % 20}.${i % 7}:`, `    resolution: {integrity: sha512-${'x'.repeat(86)}==}`, "    engines: {node: '>=18'}", '');
  }
  lines.push(`  next@${versions.next}:`, `    resolution: {integrity: sha512-${'n'.repeat(86)}==}`, '');
  lines.push('snapshots:', '');
  for (let i = 0; i < extraPackages; i++) {
    lines.push(`  dep-${i}@1.${i % 20}.${i % 7}:`, '    dependencies:', `      dep-${(i + 1) % extraPackages}: 1.${(i + 1) % 20}.${(i + 1) % 7}`, '');
  }
  return `${lines.join('\n')}\n`;
}

/** package-lock.json v3 with the app's packages and `extraPackages` made-up ones (real ones: 1–3 MB). */
function npmLock(name: string, deps: Record<string, string>, extraPackages: number): string {
  const packages: Record<string, unknown> = {
    '': { name, dependencies: Object.fromEntries(Object.entries(deps).map(([dep, version]) => [dep, `^${version}`])) },
  };
  for (let i = 0; i < extraPackages; i++) {
    packages[`node_modules/dep-${i}`] = {
      version: `1.${i % 20}.${i % 7}`,
      resolved: `https://registry.npmjs.org/dep-${i}/-/dep-${i}-1.${i % 20}.${i % 7}.tgz`,
      integrity: `sha512-${'x'.repeat(86)}==`,
      license: 'MIT',
      dependencies: { [`dep-${(i + 1) % extraPackages}`]: '^1.0.0' },
    };
  }
  for (const [dep, version] of Object.entries(deps)) {
    packages[`node_modules/${dep}`] = {
      version,
      resolved: `https://registry.npmjs.org/${dep}/-/${dep}-${version}.tgz`,
      integrity: `sha512-${'y'.repeat(86)}==`,
      license: 'MIT',
    };
  }
  return JSON.stringify({ name, version: '0.1.0', lockfileVersion: 3, requires: true, packages }, null, 2);
}

/** The monorepo of the edit and full-check budgets: `apps/web`, `apps/admin`, `packages/backend/convex`. */
export function generateMonorepo(root: string, sourceFiles: number): Generated {
  const out = new Writer(root);
  const convexFiles = Math.max(10, Math.floor(sourceFiles * 0.04));
  const perApp = Math.floor((sourceFiles - convexFiles) / 2);
  out.write(
    'package.json',
    JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'], devDependencies: { turbo: '2.5.0' } }, null, 2),
  );
  out.write('pnpm-workspace.yaml', "packages:\n  - 'apps/*'\n  - 'packages/*'\n");
  out.write('README.md', '# Acme\n\nSet CLERK_JWT_ISSUER_DOMAIN in the Convex dashboard.\n');
  out.write('turbo.json', JSON.stringify({ tasks: { build: { env: ['NEXT_PUBLIC_*', 'CLERK_SECRET_KEY'] } } }, null, 2));
  const appDeps = { next: versions.next, '@clerk/nextjs': versions.clerk, convex: versions.convex, react: versions.react };
  out.write('pnpm-lock.yaml', pnpmLock({ '.': {}, 'apps/admin': appDeps, 'apps/web': appDeps, 'packages/backend': { convex: versions.convex } }, 1500));
  writeNextApp(out, 'apps/web', perApp, 'workspace:*');
  writeNextApp(out, 'apps/admin', sourceFiles - convexFiles - perApp, 'workspace:*');
  writeConvexPackage(out, 'packages/backend', convexFiles - 2);
  return out.result();
}

/**
 * A folder shaped like 20 real repositories (sizes from small starters to large apps; npm, pnpm
 * and yarn locks; some monorepos; Convex in half of them), for the CLI-vs-ESLint comparison.
 */
export function generateRepoFolder(root: string): Generated {
  const out = new Writer(root);
  const sizes = [40, 60, 80, 120, 150, 200, 250, 300, 400, 500, 60, 90, 140, 220, 350, 600, 800, 1000, 1200, 1500];
  sizes.forEach((size, index) => {
    const repo = `repo-${String(index).padStart(2, '0')}`;
    const lockKind = index % 3;
    const deps = { next: versions.next, '@clerk/nextjs': versions.clerk, convex: versions.convex, react: versions.react };
    if (index % 4 === 3) {
      // A monorepo: two apps and a Convex package.
      const generated = generateMonorepo(path.join(root, repo), size);
      out.files += generated.files;
      out.sourceFiles += generated.sourceFiles;
      out.sourceBytes += generated.sourceBytes;
      return;
    }
    writeNextApp(out, repo, index % 2 === 0 ? size - Math.floor(size / 10) : size, versions.convex);
    if (index % 2 === 0) {
      out.write(`${repo}/convex/auth.config.ts`, authConfig);
      for (let i = 0; i < Math.floor(size / 10) - 1; i++) out.write(`${repo}/convex/items${i}.ts`, convexFunctions(i));
    }
    const extra = 600 + size;
    if (lockKind === 0) out.write(`${repo}/package-lock.json`, npmLock(repo, deps, extra));
    else if (lockKind === 1) out.write(`${repo}/pnpm-lock.yaml`, pnpmLock({ '.': deps }, extra));
    else out.write(`${repo}/yarn.lock`, yarnLock(deps, extra));
  });
  return out.result();
}

function yarnLock(deps: Record<string, string>, extraPackages: number): string {
  const lines = ['# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.', '# yarn lockfile v1', ''];
  for (let i = 0; i < extraPackages; i++) {
    lines.push(
      `dep-${i}@^1.0.0:`,
      `  version "1.${i % 20}.${i % 7}"`,
      `  resolved "https://registry.yarnpkg.com/dep-${i}/-/dep-${i}-1.${i % 20}.${i % 7}.tgz"`,
      `  integrity sha512-${'x'.repeat(86)}==`,
      '',
    );
  }
  for (const [dep, version] of Object.entries(deps)) {
    lines.push(`"${dep}@^${version}":`, `  version "${version}"`, `  resolved "https://registry.yarnpkg.com/${dep}/-/${dep}-${version}.tgz"`, '');
  }
  return `${lines.join('\n')}\n`;
}

/** A small single app (server start → first diagnostics). */
export function generateSmallApp(root: string): Generated {
  const out = new Writer(root);
  writeNextApp(out, '.', 30, versions.convex);
  out.write('convex/auth.config.ts', authConfig);
  for (let i = 0; i < 4; i++) out.write(`convex/items${i}.ts`, convexFunctions(i));
  return out.result();
}
