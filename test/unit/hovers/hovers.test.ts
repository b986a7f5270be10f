import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../src/core/engine';
import { escapeMarkdown, hoverAt, type HoverContent, type HoverInput } from '../../../src/core/hovers';
import type { JwtTemplateInfo, Position } from '../../../src/core/model';
import { encodePublishableKey } from '../../../src/core/clerkKeys';
import { createMemoryHost } from '../../../src/core/project/fileHost';
import { nextApp, pkDev, skDev, type Files } from '../ruleTester';

const copyCommand = 'clerkToolkit.diagnostics.copyConvexEnvSet';

interface HoverOptions {
  /** Which occurrence of the needle (0-based). */
  occurrence?: number;
  /** Characters into the needle the cursor sits. */
  at?: number;
  trusted?: boolean;
  copyConvexEnvSetCommand?: string;
  onlineJwtTemplates?: JwtTemplateInfo[];
}

/** The position `at` characters into the `occurrence`-th `needle` of a file. */
function positionOf(text: string, needle: string, occurrence = 0, at = 0): Position {
  let offset = -1;
  for (let index = 0; index <= occurrence; index++) offset = text.indexOf(needle, offset + 1);
  assert.notEqual(offset, -1, `${needle} not found`);
  const before = text.slice(0, offset + at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The hover a language server would answer at `needle` in `file`, built like the server does from a session. */
function hover(files: Files, file: string, needle: string, options: HoverOptions = {}): HoverContent | undefined {
  const session = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost(files) });
  const project = session.projectOf(file);
  assert.ok(project, `no project for ${file}`);
  const input: HoverInput = {
    workspace: session.getWorkspace(),
    project,
    file,
    position: positionOf(files[file], needle, options.occurrence, options.at ?? 1),
    readFile: (path) => session.readFile(path),
    source: (path) => session.sourceOf(path),
    trusted: options.trusted ?? true,
    copyConvexEnvSetCommand: options.copyConvexEnvSetCommand,
    onlineJwtTemplates: options.onlineJwtTemplates,
  };
  return hoverAt(input);
}

/** The text of a file a hover range covers. */
function covered(files: Files, file: string, content: HoverContent): string {
  const lines = files[file].split('\n');
  const { start, end } = content.range;
  assert.equal(start.line, end.line, 'hover ranges here stay on one line');
  return lines[start.line].slice(start.character, end.character);
}

/** Link targets of the markdown (`[label](target)`), in order. */
function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
}

/** A link as the hovers write it: escaped label, file URI. */
function link(label: string, target: string): string {
  return `[${escapeMarkdown(label)}](${target})`;
}

/** Whether the markdown holds the character without a backslash before it (where Markdown would act on it). */
function unescaped(markdown: string, char: string): boolean {
  return [...markdown].some((current, index) => current === char && markdown[index - 1] !== '\\');
}

const authConfig = (applicationID: string) => `import type { AuthConfig } from 'convex/server';

export default {
  providers: [
    {
      domain: process.env.CLERK_FRONTEND_API_URL!,
      applicationID: '${applicationID}',
    },
  ],
} satisfies AuthConfig;
`;

const convexClientProvider = `'use client';
import { ReactNode } from 'react';
import { ConvexReactClient } from 'convex/react';
import { ConvexProviderWithClerk } from 'convex/react-clerk';
import { useAuth } from '@clerk/nextjs';

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function ConvexClientProvider({ children }: { children: ReactNode }) {
  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
`;

const serverPage = (template: string) => `import { auth } from '@clerk/nextjs/server';
import { preloadQuery } from 'convex/nextjs';
import { api } from '@/convex/_generated/api';

export default async function Tasks() {
  const token = (await (await auth()).getToken({ template: '${template}' })) ?? undefined;
  const preloaded = await preloadQuery(api.tasks.list, {}, { token });
  return <pre>{JSON.stringify(preloaded)}</pre>;
}
`;

describe('hovers (core)', () => {
  describe('env keys', () => {
    const files = nextApp({
      '/ws/.env': 'CLERK_SECRET_KEY=sk_test_shadowedShadowedShadowed0123\nOTHER=1\n',
      '/ws/.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\n',
      '/ws/app/api/hello/route.ts': 'export function GET() {\n  return Response.json({ ok: !!process.env.CLERK_SECRET_KEY });\n}\n',
    });

    it('in an env file: the key exactly, where it loads and is shadowed (load order), documented and read; never the value', () => {
      const content = hover(files, '/ws/.env.local', 'CLERK_SECRET_KEY')!;
      assert.equal(covered(files, '/ws/.env.local', content), 'CLERK_SECRET_KEY');
      assert.deepEqual(content.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 16 } });
      assert.match(content.markdown, /^\*\*CLERK\\_SECRET\\_KEY\*\*/);
      assert.deepEqual(linkTargets(content.markdown), [
        'file:///ws/.env.local#L2',
        'file:///ws/.env#L1',
        'file:///ws/.env.example#L2',
        'file:///ws/app/api/hello/route.ts#L2',
      ]);
      assert.ok(
        content.markdown.includes(
          `- ${link('.env.local:2', 'file:///ws/.env.local#L2')} (loaded)\n- ${link('.env:1', 'file:///ws/.env#L1')} (shadowed by the file above)`,
        ),
        content.markdown,
      );
      assert.ok(content.markdown.includes(`Documented in ${link('.env.example:2', 'file:///ws/.env.example#L2')}.`), content.markdown);
      assert.ok(content.markdown.includes(`Read in: ${link('app/api/hello/route.ts:2', 'file:///ws/app/api/hello/route.ts#L2')}`), content.markdown);
      assert.ok(!content.markdown.includes(skDev) && !content.markdown.includes('shadowedShadowed'), 'no secret value in the hover');
      assert.deepEqual(content.commands, []);
    });

    it('on a process.env read: the whole read expression, same content', () => {
      const file = '/ws/app/api/hello/route.ts';
      const content = hover(files, file, 'process.env.CLERK_SECRET_KEY', { at: 20 })!;
      assert.equal(covered(files, file, content), 'process.env.CLERK_SECRET_KEY');
      assert.match(content.markdown, /\(loaded\)/);
      const bracket = { ...files, [file]: "export const k = process.env['CLERK_SECRET_KEY'];\n" };
      assert.equal(covered(bracket, file, hover(bracket, file, 'CLERK_SECRET_KEY')!), "process.env['CLERK_SECRET_KEY']");
    });

    it('nothing on other code, comments or values', () => {
      const file = '/ws/app/api/hello/route.ts';
      assert.equal(hover(files, file, 'Response'), undefined);
      assert.equal(hover(files, '/ws/.env.local', skDev, { at: 5 }), undefined);
      assert.equal(hover({ ...files, '/ws/.env.local': '# CLERK_SECRET_KEY=x\n' }, '/ws/.env.local', 'CLERK_SECRET_KEY'), undefined);
    });

    it('a publishable key shows the Clerk instance it names, decoded (the host is public, the key is not repeated)', () => {
      const content = hover(files, '/ws/.env.local', 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', { at: 3 })!;
      assert.ok(content.markdown.includes('Clerk instance: `example-app-42.clerk.accounts.dev` (development).'), content.markdown);
      assert.ok(!content.markdown.includes(pkDev));
      // A key that decodes to something other than a host name shows no instance.
      const hostile = encodePublishableKey('x.example`](command:x)');
      const odd = hover(
        { ...files, '/ws/.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${hostile}\n` },
        '/ws/.env.local',
        'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
      )!;
      assert.doesNotMatch(odd.markdown, /Clerk instance|command:/);
    });

    it('in an env file of another mode (.env.production), the key hovers too; its definitions are the development ones', () => {
      const production = { ...files, '/ws/.env.production': 'SENTRY_AUTH_TOKEN=x\nCLERK_SECRET_KEY=sk_live_other\n' };
      const content = hover(production, '/ws/.env.production', 'SENTRY_AUTH_TOKEN')!;
      assert.deepEqual(content.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 17 } });
      assert.match(content.markdown, /Not defined in any local env file of this app\./);
      assert.match(hover(production, '/ws/.env.production', 'CLERK_SECRET_KEY')!.markdown, /\.env\\\.local\\:2\]\(file:\/\/\/ws\/\.env\.local#L2\) \(loaded\)/);
    });

    it('a key no local env file defines says so', () => {
      const file = '/ws/app/page.tsx';
      const withRead = { ...files, [file]: 'export default function P() { return <p>{process.env.NEXT_PUBLIC_TITLE}</p>; }\n' };
      const content = hover(withRead, file, 'process.env.NEXT_PUBLIC_TITLE')!;
      assert.match(content.markdown, /Not defined in any local env file of this app\./);
    });
  });

  describe('Convex reads', () => {
    const files = nextApp({
      '/ws/.env.local': 'OPENAI_API_KEY=sk-proj-secretvalue\n',
      '/ws/convex/ai.ts': "import { action } from './_generated/server';\nexport const ask = action({ handler: async () => process.env.OPENAI_API_KEY });\n",
    });

    it('a key Convex functions read explains the deployment and links the copy command with the app and key only', () => {
      const content = hover(files, '/ws/.env.local', 'OPENAI_API_KEY', { copyConvexEnvSetCommand: copyCommand })!;
      assert.match(content.markdown, /Convex functions read it from the deployment/);
      const args = encodeURIComponent(JSON.stringify(['/ws', 'OPENAI_API_KEY']));
      assert.ok(content.markdown.includes(`[Copy \`npx convex env set OPENAI_API_KEY …\`](command:${copyCommand}?${args})`), content.markdown);
      assert.deepEqual(content.commands, [copyCommand]);
      assert.ok(!content.markdown.includes('secretvalue'));
    });

    it('untrusted workspaces and editors without the command get the command as text, no command link', () => {
      for (const options of [{ trusted: false, copyConvexEnvSetCommand: copyCommand }, { trusted: true }]) {
        const content = hover(files, '/ws/.env.local', 'OPENAI_API_KEY', options)!;
        assert.ok(!content.markdown.includes('command:'), content.markdown);
        assert.deepEqual(content.commands, []);
        assert.match(content.markdown, /npx convex env set OPENAI\\_API\\_KEY \\<value\\>/);
      }
    });
  });

  it("in a monorepo, an app's NEXT_PUBLIC_CONVEX_URL points at the Convex package's CONVEX_URL", () => {
    const files: Files = {
      '/ws/package.json': '{ "workspaces": ["apps/*", "packages/*"] }',
      '/ws/apps/web/package.json': JSON.stringify({ dependencies: { next: '16.4.6', convex: '1.48.0' } }),
      '/ws/apps/web/.env.local': 'NEXT_PUBLIC_CONVEX_URL=\n',
      '/ws/apps/web/app/providers.tsx':
        "'use client';\nimport { ConvexReactClient } from 'convex/react';\nexport const c = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\n",
      '/ws/packages/backend/package.json': JSON.stringify({ dependencies: { convex: '1.48.0' } }),
      '/ws/packages/backend/.env.local': 'CONVEX_DEPLOYMENT=dev:x\nCONVEX_URL=https://x.convex.cloud\n',
      '/ws/packages/backend/convex/messages.ts': 'export const x = 1;\n',
    };
    const content = hover(files, '/ws/apps/web/app/providers.tsx', 'process.env.NEXT_PUBLIC_CONVEX_URL')!;
    const backendEnv = link('packages/backend/.env.local:2', 'file:///ws/packages/backend/.env.local#L2');
    assert.ok(
      content.markdown.includes(`\`npx convex dev\` writes CONVEX_URL for the Convex package: ${backendEnv}. Copy its value as NEXT\\_PUBLIC\\_CONVEX\\_URL.`),
      content.markdown,
    );
    assert.ok(!content.markdown.includes('x.convex.cloud'));
    // Before `npx convex dev` ran there: the package itself.
    const fresh = { ...files };
    delete fresh['/ws/packages/backend/.env.local'];
    assert.ok(linkTargets(hover(fresh, '/ws/apps/web/.env.local', 'NEXT_PUBLIC_CONVEX_URL')!.markdown).includes('file:///ws/packages/backend/package.json#L1'));
    // A standalone app with its own Convex folder has nothing to copy.
    assert.doesNotMatch(
      hover(nextApp({ '/ws/.env.local': 'NEXT_PUBLIC_CONVEX_URL=\n', '/ws/convex/x.ts': 'export const x = 1;\n' }), '/ws/.env.local', 'NEXT_PUBLIC_CONVEX_URL')!
        .markdown,
      /monorepo/,
    );
  });

  describe('applicationID and JWT templates', () => {
    const files = nextApp({
      '/ws/convex/auth.config.ts': authConfig('convex'),
      '/ws/app/ConvexClientProvider.tsx': convexClientProvider,
      '/ws/app/tasks/page.tsx': serverPage('convex'),
    });
    const config = '/ws/convex/auth.config.ts';

    it('applicationID lists every token path, marks the matching ones, and covers the property exactly', () => {
      const content = hover(files, config, 'applicationID')!;
      assert.equal(covered(files, config, content), "applicationID: 'convex'");
      assert.ok(content.markdown.startsWith('**applicationID** "convex" — must equal the `aud` of the token the app sends.'), content.markdown);
      assert.deepEqual(linkTargets(content.markdown), ['file:///ws/app/ConvexClientProvider.tsx#L11', 'file:///ws/app/tasks/page.tsx#L6']);
      assert.match(content.markdown, /Clerk's Convex integration token .* ✓\n/);
      assert.ok(
        content.markdown.includes(`- ${link('app/tasks/page.tsx:6', 'file:///ws/app/tasks/page.tsx#L6')}: JWT template **convex** ✓`),
        content.markdown,
      );
      assert.doesNotMatch(content.markdown, /Online check/);
      const other = hover({ ...files, [config]: authConfig('my-app') }, config, "'my-app'")!;
      assert.doesNotMatch(other.markdown, /✓/);
    });

    it('after the online check, notes what the instance has for the `convex` template', () => {
      const missing = hover(files, config, 'applicationID', { onlineJwtTemplates: [] })!;
      assert.match(missing.markdown, /Online check: the Clerk instance has no JWT template named `convex`\. That is fine with Clerk's Convex integration/);
      const present = hover(files, config, 'applicationID', { onlineJwtTemplates: [{ name: 'convex', claims: { aud: ['convex', 'other'] } }] })!;
      assert.match(present.markdown, /Online check: JWT template `convex` sets aud "convex", "other"/);
    });

    it('a template name that feeds Convex lists the applicationIDs it must equal; other strings get no hover', () => {
      const page = '/ws/app/tasks/page.tsx';
      const content = hover(files, page, "'convex'")!;
      assert.equal(covered(files, page, content), "'convex'");
      assert.match(content.markdown, /^\*\*JWT template convex\*\*/);
      assert.ok(content.markdown.includes(`- ${link('convex/auth.config.ts:7', 'file:///ws/convex/auth.config.ts#L7')}: "convex" ✓`), content.markdown);
      assert.equal(hover(files, page, "'@clerk/nextjs/server'"), undefined);
      const online = hover(files, page, "'convex'", { onlineJwtTemplates: [{ name: 'convex', claims: { aud: 'elsewhere' } }] })!;
      assert.match(online.markdown, /Online check: the template sets `aud` "elsewhere"\./);
      assert.doesNotMatch(online.markdown, /✓/);
    });

    it('a template behind a top-level const hovers on the const; a template whose token goes elsewhere (Supabase) gets none', () => {
      const page = '/ws/app/tasks/page.tsx';
      const viaConst = { ...files, [page]: `const TEMPLATE = 'convex';\n${serverPage('x').replace("'x'", 'TEMPLATE')}` };
      const content = hover(viaConst, page, "'convex'")!;
      assert.deepEqual(content.range, { start: { line: 0, character: 17 }, end: { line: 0, character: 25 } });
      const supabase = {
        ...files,
        [page]:
          "import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  const token = await (await auth()).getToken({ template: 'supabase' });\n  return fetch('https://x.supabase.co', { headers: { Authorization: `Bearer ${token}` } });\n}\n",
      };
      assert.equal(hover(supabase, page, "'supabase'"), undefined);
    });

    it('in a monorepo, the Convex package and the app see each other', () => {
      const mono: Files = {
        '/ws/package.json': '{ "workspaces": ["apps/*", "packages/*"] }',
        '/ws/apps/web/package.json': JSON.stringify({ dependencies: { next: '16.4.6', convex: '1.48.0', '@clerk/nextjs': '7.9.17' } }),
        '/ws/apps/web/app/ConvexClientProvider.tsx': convexClientProvider,
        '/ws/packages/backend/package.json': JSON.stringify({ dependencies: { convex: '1.48.0' } }),
        '/ws/packages/backend/convex/auth.config.ts': authConfig('convex'),
      };
      const content = hover(mono, '/ws/packages/backend/convex/auth.config.ts', 'applicationID')!;
      assert.deepEqual(linkTargets(content.markdown), ['file:///ws/apps/web/app/ConvexClientProvider.tsx#L11']);
    });
  });

  describe('escaping', () => {
    it('escapeMarkdown leaves no link, image, HTML, autolink or code span', () => {
      assert.equal(escapeMarkdown('a](command:x)'), 'a\\]\\(command\\:x\\)');
      assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '\\<img src\\=x onerror\\=alert\\(1\\)\\>');
      assert.equal(escapeMarkdown('https://evil.example'), 'https\\:\\/\\/evil\\.example');
      assert.equal(escapeMarkdown('`code`\n# heading'), '\\`code\\` \\# heading');
    });

    it('a hostile template name and a hostile read name stay text: no link, no HTML, no command', () => {
      const hostile = 'x](command:workbench.action.terminal.new)<img src=x>';
      const files = nextApp({
        '/ws/convex/auth.config.ts': authConfig(hostile),
        '/ws/app/ConvexClientProvider.tsx': convexClientProvider,
        '/ws/app/tasks/page.tsx': serverPage(hostile),
      });
      for (const content of [hover(files, '/ws/app/tasks/page.tsx', `'${hostile}'`)!, hover(files, '/ws/convex/auth.config.ts', 'applicationID')!]) {
        assert.ok(content.markdown.includes(escapeMarkdown(hostile)), content.markdown);
        assert.ok(!content.markdown.includes('](command:') && !unescaped(content.markdown, '<'), content.markdown);
        assert.deepEqual(
          linkTargets(content.markdown).filter((target) => !target.startsWith('file:///ws/')),
          [],
        );
      }
      const file = '/ws/convex/ai.ts';
      const reads = nextApp({ [file]: `export const k = process.env['${hostile}'];\n` });
      const content = hover(reads, file, 'process.env', { copyConvexEnvSetCommand: copyCommand })!;
      assert.ok(content.markdown.startsWith(`**${escapeMarkdown(hostile)}**`), content.markdown);
      assert.ok(!content.markdown.includes('](command:') && !unescaped(content.markdown, '<'), content.markdown);
      assert.deepEqual(content.commands, []);
    });

    it('a file name with Markdown characters is escaped in the label and percent-encoded in the link', () => {
      const files = nextApp({ '/ws/app/(x)[y]/route.ts': 'export const k = process.env.CLERK_SECRET_KEY;\n' });
      const content = hover(files, '/ws/.env.local', 'CLERK_SECRET_KEY')!;
      assert.ok(content.markdown.includes('[app\\/\\(x\\)\\[y\\]\\/route\\.ts\\:1](file:///ws/app/%28x%29%5By%5D/route.ts#L1)'), content.markdown);
    });
  });
});
