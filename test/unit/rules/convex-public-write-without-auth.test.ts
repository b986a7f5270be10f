import * as assert from 'node:assert/strict';
import { check, ruleTester, single, type Files } from '../ruleTester';
import { convexPublicWriteWithoutAuthRule as rule } from '../../../src/core/rules/convex-public-write-without-auth';

const authConfig = `export default { providers: [{ domain: process.env.CLERK_FRONTEND_API_URL!, applicationID: 'convex' }] };\n`;

const messages = `import { v } from 'convex/values';
import { mutation, query, internalMutation } from './_generated/server';
import { requireUser } from './lib/auth';

export const list = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return [];
    return await ctx.db.query('messages').collect();
  },
});

export const send = mutation({
  args: { body: v.string() },
  handler: async (ctx, { body }) => {
    await ctx.db.insert('messages', { body });
  },
});

export const edit = mutation({
  args: { id: v.id('messages'), body: v.string() },
  handler: async (ctx, { id, body }) => {
    await requireUser(ctx);
    await ctx.db.patch(id, { body });
  },
});

export const purge = internalMutation({
  args: {},
  handler: async ({ db }) => {
    for (const m of await db.query('messages').collect()) await db.delete(m._id);
  },
});
`;

const helper = `import type { QueryCtx } from '../_generated/server';
export async function requireUser(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error('Not authenticated');
  return identity;
}
`;

const project = (files: Files): Files => ({ 'package.json': JSON.stringify({ name: 'backend', dependencies: { convex: '1.45.0' } }), ...files });

const templateFunctions = `import { v } from 'convex/values';
import { query, mutation } from './_generated/server';
export const listNumbers = query({
  args: { count: v.number() },
  handler: async (ctx, args) => {
    const numbers = await ctx.db.query('numbers').order('desc').take(args.count);
    return { viewer: (await ctx.auth.getUserIdentity())?.name ?? null, numbers: numbers.map((n) => n.value) };
  },
});
export const addNumber = mutation({
  args: { value: v.number() },
  handler: async (ctx, args) => {
    await ctx.db.insert('numbers', { value: args.value });
  },
});
`;

const generated = "import { mutation, query, action, internalMutation, internalAction } from './_generated/server';\nimport { v } from 'convex/values';\n";

/** A public mutation `add` in convex/items.ts with `body` before its insert (and `extra` above it). */
const write = (body: string, extra = '') =>
  project({
    'convex/auth.config.ts': authConfig,
    'convex/items.ts': `${generated}${extra}export const add = mutation({
  args: { text: v.string(), secret: v.optional(v.string()), email: v.optional(v.string()) },
  handler: async (ctx, args) => {
${body}
    await ctx.db.insert('items', { text: args.text });
  },
});
`,
  });

/** A public mutation `run` in convex/files.ts whose handler is `handler`, next to an internal write and an internal non-write. */
const filesWith = (handler: string) =>
  project({
    'convex/auth.config.ts': authConfig,
    'convex/files.ts': `${generated}import { internal } from './_generated/api';
import { removeAll } from './lib/cleanup';
export const run = mutation({
  args: { id: v.id('_storage') },
  handler: async (ctx, args) => {
${handler}
  },
});
export const purge = internalMutation({ args: {}, handler: async (ctx) => { await ctx.db.delete((await ctx.db.query('files').first())!._id); } });
export const ping = internalAction({ args: {}, handler: async () => { await fetch('https://example.com'); } });
`,
    'convex/lib/cleanup.ts': "export async function removeAll(ctx: any) {\n  await ctx.storage.delete(await ctx.db.query('files').first());\n}\n",
  });

const writes: [string, string][] = [
  ['ctx.storage.delete', '    await ctx.storage.delete(args.id);'],
  ['ctx.storage.store (mutations, convex >= 1.48.0)', "    await ctx.storage.store(new Blob(['x']));"],
  ['scheduling an internal write', '    await ctx.scheduler.runAfter(0, internal.files.purge, {});'],
  ['a helper that writes', '    await removeAll(ctx);'],
];

/** A public mutation `save` patching the argument `field`. */
const answers = (field: string) =>
  project({
    'convex/auth.config.ts': authConfig,
    'convex/answers.ts': `${generated}export const save = mutation({ args: { id: v.id('answers'), ${field}: v.string() }, handler: async (ctx, args) => { await ctx.db.patch(args.id, { ${field}: args.${field} }); } });\n`,
  });

const setPlan = project({
  'convex/auth.config.ts': authConfig,
  'convex/billing.ts': `${generated}export const setPlan = mutation({
  args: { teamId: v.id('teams'), plan: v.string() },
  handler: async (ctx, { teamId, plan }) => {
    await ctx.db.patch(teamId, { plan });
  },
});
`,
});

const customFunctions = project({
  'convex/auth.config.ts': authConfig,
  'convex/lib/functions.ts': `import { customMutation, customCtx } from 'convex-helpers/server/customFunctions';
import { mutation } from '../_generated/server';
import { getUser } from './users';
export const authedMutation = customMutation(mutation, customCtx(async (ctx) => {
  const user = await getUser(ctx);
  if (!user) throw new Error('Unauthenticated');
  return { user };
}));
export const triggeredMutation = customMutation(mutation, customCtx(async () => ({})));
export const adminMutation = customMutation(authedMutation, { args: {}, input: async (ctx) => ({ ctx, args: {} }) });
`,
  'convex/lib/users.ts':
    "export async function getUser(ctx: any) {\n  const identity = await ctx.auth.getUserIdentity();\n  return identity && ctx.db.query('users').first();\n}\n",
  'convex/notes.ts': `import { v } from 'convex/values';
import { authedMutation, adminMutation, triggeredMutation } from './lib/functions';
export const add = authedMutation({ args: { text: v.string() }, handler: async (ctx, { text }) => { await ctx.db.insert('notes', { text }); } });
export const wipe = adminMutation({ args: {}, handler: async (ctx) => { await ctx.db.delete((await ctx.db.query('notes').first())!._id); } });
export const open = triggeredMutation({ args: { text: v.string() }, handler: async (ctx, { text }) => { await ctx.db.insert('notes', { text }); } });
`,
});

const feedback = `${generated}export const send = mutation({ args: { text: v.string() }, handler: async (ctx, { text }) => { await ctx.db.insert('feedback', { text }); } });\n`;

/** Exact ranges, severities, messages and related locations. */
ruleTester.run(rule, {
  valid: [
    {
      name: 'an identity check through a project helper, and internal mutations',
      files: project({
        'convex/auth.config.ts': authConfig,
        'convex/messages.ts': messages.replace(
          "await ctx.db.insert('messages', { body });",
          "await requireUser(ctx);\n    await ctx.db.insert('messages', { body });",
        ),
        'convex/lib/auth.ts': helper,
      }),
    },
    {
      name: 'no auth configured (near miss: the same files with auth.config warn)',
      files: project({ 'convex/messages.ts': messages, 'convex/lib/auth.ts': helper }),
    },
    {
      name: "a guard on a package helper's answer is a check",
      files: write("    const userId = await getUserId(ctx);\n    if (!userId) throw new Error('Unauthorized');", "import { getUserId } from '@acme/auth';\n"),
    },
    { name: 'an inline shared-secret gate is a check', files: write("    if (args.secret !== process.env.SYNC_SECRET) throw new Error('Forbidden');") },
    {
      name: 'a shared-secret gate in a helper of another file is a check',
      files: {
        ...write('    assertSecret(args.secret);', "import { assertSecret } from './lib/secret';\n"),
        'convex/lib/secret.ts':
          "export function assertSecret(secret: string | undefined) {\n  if (!secret || secret !== process.env.SYNC_SECRET) throw new Error('Forbidden');\n}\n",
      },
    },
    {
      name: 'helpers followed transitively across files, through recursion',
      files: {
        ...write('    await requireMember(ctx, 3);', "import { requireMember } from './lib/members';\n"),
        'convex/lib/members.ts':
          "import { requireIdentity } from './identity';\nexport async function requireMember(ctx: any, depth: number): Promise<void> {\n  if (depth > 0) return requireMember(ctx, depth - 1);\n  await requireIdentity(ctx);\n}\n",
        'convex/lib/identity.ts':
          "export const requireIdentity = async (ctx: any) => {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) throw new Error('Unauthenticated');\n  return identity;\n};\n",
      },
    },
    { name: 'scheduling a function that does not write is no write', files: filesWith('    await ctx.scheduler.runAfter(0, internal.files.ping, {});') },
  ],
  invalid: [
    {
      name: 'a public mutation writing without an identity check while others check',
      files: project({ 'convex/auth.config.ts': authConfig, 'convex/messages.ts': messages, 'convex/lib/auth.ts': helper }),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'warning',
          file: 'convex/messages.ts',
          range: [13, 13, 13, 17],
          message:
            'The public mutation "send" writes data but never checks the identity, unlike "messages.list": anyone with the deployment URL can call it. Check ctx.auth.getUserIdentity() first, or make it an internalMutation.',
          related: ['convex/messages.ts', 'convex/messages.ts'],
        },
      ],
    },
    {
      name: 'no public function checks identity (demo code): info',
      files: project({
        'convex/auth.config.ts': authConfig,
        'convex/notes.ts': `import { mutation } from './_generated/server';\nexport const add = mutation(async (ctx, { text }: { text: string }) => { await ctx.db.insert('notes', { text }); });\n`,
      }),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'info',
          file: 'convex/notes.ts',
          range: [1, 13, 1, 16],
          message:
            'The public mutation "add" writes data but never checks the identity: anyone with the deployment URL can call it. If it is not meant to be public, check ctx.auth.getUserIdentity() or make it an internalMutation.',
          related: ['convex/notes.ts'],
        },
      ],
    },
    {
      name: "the Convex template: showing the viewer's name is no check, so the demo write is info",
      files: project({ 'convex/auth.config.ts': authConfig, 'convex/myFunctions.ts': templateFunctions }),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'info',
          file: 'convex/myFunctions.ts',
          range: [9, 13, 9, 22],
          message:
            'The public mutation "addNumber" writes data but never checks the identity: anyone with the deployment URL can call it. If it is not meant to be public, check ctx.auth.getUserIdentity() or make it an internalMutation.',
          related: ['convex/myFunctions.ts'],
        },
      ],
    },
    {
      name: 'a public write of a plan field from the arguments warns even when nothing else checks identity',
      files: setPlan,
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'warning',
          file: 'convex/billing.ts',
          range: [2, 13, 2, 20],
          message:
            'The public mutation "setPlan" writes "plan" from its arguments without checking the identity: anyone with the deployment URL can set it for any document (a plan, a role, a payout account…). Check the identity with ctx.auth.getUserIdentity() and the caller\'s right to change it, or make it an internalMutation.',
          related: ['convex/billing.ts', 'convex/billing.ts'],
        },
      ],
    },
    {
      name: 'a plain public write whose arguments carry nothing privileged is info',
      files: project({ 'convex/auth.config.ts': authConfig, 'convex/feedback.ts': feedback }),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'info',
          file: 'convex/feedback.ts',
          range: [2, 13, 2, 17],
          message:
            'The public mutation "send" writes data but never checks the identity: anyone with the deployment URL can call it. If it is not meant to be public, check ctx.auth.getUserIdentity() or make it an internalMutation.',
          related: ['convex/feedback.ts'],
        },
      ],
    },
    {
      name: 'a call named for users is no check, and is not cited as one',
      files: write('    await notifyUser(ctx, args.email);', "import { notifyUser } from '@acme/mailer';\n"),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'info',
          file: 'convex/items.ts',
          range: [3, 13, 3, 16],
          message:
            'The public mutation "add" writes data but never checks the identity: anyone with the deployment URL can call it. If it is not meant to be public, check ctx.auth.getUserIdentity() or make it an internalMutation.',
          related: ['convex/items.ts'],
        },
      ],
    },
    {
      name: 'the same package helper without a guard is no check',
      files: write('    const userId = await getUserId(ctx);\n    console.log(userId);', "import { getUserId } from '@acme/auth';\n"),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'info',
          file: 'convex/items.ts',
          range: [3, 13, 3, 16],
          message:
            'The public mutation "add" writes data but never checks the identity: anyone with the deployment URL can call it. If it is not meant to be public, check ctx.auth.getUserIdentity() or make it an internalMutation.',
          related: ['convex/items.ts'],
        },
      ],
    },
    {
      name: 'comparing an env variable with a constant is no secret gate',
      files: write("    if (process.env.NODE_ENV !== 'development') throw new Error('dev only');"),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'info',
          file: 'convex/items.ts',
          range: [2, 13, 2, 16],
          message:
            'The public mutation "add" writes data but never checks the identity: anyone with the deployment URL can call it. If it is not meant to be public, check ctx.auth.getUserIdentity() or make it an internalMutation.',
          related: ['convex/items.ts'],
        },
      ],
    },
    {
      name: 'a convex-helpers custom mutation whose customCtx checks the identity protects its functions; one that does not, does not',
      files: customFunctions,
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'warning',
          file: 'convex/notes.ts',
          range: [4, 13, 4, 17],
          message:
            'The public mutation "open" writes data but never checks the identity, unlike "notes.add": anyone with the deployment URL can call it. Check ctx.auth.getUserIdentity() first, or make it an internalMutation.',
          related: ['convex/notes.ts', 'convex/notes.ts'],
        },
      ],
    },
    {
      name: 'counts ctx.storage.delete',
      files: filesWith(writes[0][1]),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'info',
          file: 'convex/files.ts',
          range: [4, 13, 4, 16],
          message:
            'The public mutation "run" writes data but never checks the identity: anyone with the deployment URL can call it. If it is not meant to be public, check ctx.auth.getUserIdentity() or make it an internalMutation.',
          related: ['convex/files.ts'],
        },
      ],
    },
    {
      name: 'counts ctx.storage.store (mutations, convex >= 1.48.0)',
      files: filesWith(writes[1][1]),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'info',
          file: 'convex/files.ts',
          range: [4, 13, 4, 16],
          message:
            'The public mutation "run" writes data but never checks the identity: anyone with the deployment URL can call it. If it is not meant to be public, check ctx.auth.getUserIdentity() or make it an internalMutation.',
          related: ['convex/files.ts'],
        },
      ],
    },
    {
      name: 'counts scheduling an internal write',
      files: filesWith(writes[2][1]),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'info',
          file: 'convex/files.ts',
          range: [4, 13, 4, 16],
          message:
            'The public mutation "run" writes data but never checks the identity: anyone with the deployment URL can call it. If it is not meant to be public, check ctx.auth.getUserIdentity() or make it an internalMutation.',
          related: ['convex/files.ts'],
        },
      ],
    },
    {
      name: 'counts a helper that writes',
      files: filesWith(writes[3][1]),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'info',
          file: 'convex/files.ts',
          range: [4, 13, 4, 16],
          message:
            'The public mutation "run" writes data but never checks the identity: anyone with the deployment URL can call it. If it is not meant to be public, check ctx.auth.getUserIdentity() or make it an internalMutation.',
          related: ['convex/files.ts'],
        },
      ],
    },
    {
      name: 'argument names by words: "explanation" is no plan (info)',
      files: answers('explanation'),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'info',
          file: 'convex/answers.ts',
          range: [2, 13, 2, 17],
          message:
            'The public mutation "save" writes data but never checks the identity: anyone with the deployment URL can call it. If it is not meant to be public, check ctx.auth.getUserIdentity() or make it an internalMutation.',
          related: ['convex/answers.ts'],
        },
      ],
    },
    {
      name: 'argument names by words: "isAdmin" is privileged (warning)',
      files: answers('isAdmin'),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'warning',
          file: 'convex/answers.ts',
          range: [2, 13, 2, 17],
          message:
            'The public mutation "save" writes "isAdmin" from its arguments without checking the identity: anyone with the deployment URL can set it for any document (a plan, a role, a payout account…). Check the identity with ctx.auth.getUserIdentity() and the caller\'s right to change it, or make it an internalMutation.',
          related: ['convex/answers.ts', 'convex/answers.ts'],
        },
      ],
    },
    {
      name: 'argument names by words: "stripeAccountId" is privileged (warning)',
      files: answers('stripeAccountId'),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'warning',
          file: 'convex/answers.ts',
          range: [2, 13, 2, 17],
          message:
            'The public mutation "save" writes "stripeAccountId" from its arguments without checking the identity: anyone with the deployment URL can set it for any document (a plan, a role, a payout account…). Check the identity with ctx.auth.getUserIdentity() and the caller\'s right to change it, or make it an internalMutation.',
          related: ['convex/answers.ts', 'convex/answers.ts'],
        },
      ],
    },
    {
      name: 'any provider in auth.config enables the rule (a customJwt issuer, not only Clerk)',
      files: project({
        'convex/auth.config.ts':
          "export default { providers: [{ type: 'customJwt', issuer: 'https://auth.example.com', jwks: 'https://auth.example.com/jwks', algorithm: 'RS256', applicationID: 'convex' }] };\n",
        'convex/feedback.ts': feedback,
      }),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'info',
          file: 'convex/feedback.ts',
          range: [2, 13, 2, 17],
          message:
            'The public mutation "send" writes data but never checks the identity: anyone with the deployment URL can call it. If it is not meant to be public, check ctx.auth.getUserIdentity() or make it an internalMutation.',
          related: ['convex/feedback.ts'],
        },
      ],
    },
    {
      // Deeper trees never reach the rules: the parsing layer skips them with a note (test/unit/core/robustness.test.ts).
      name: 'a handler with an expression as deep as the engine lets through',
      files: project({
        'convex/auth.config.ts': authConfig,
        'convex/big.ts': `${generated}export const big = mutation({ args: {}, handler: async (ctx) => { await ctx.db.insert('big', { text: ${Array.from({ length: 350 }, (_, index) => `'t${index}'`).join(' + ')} }); } });\n`,
      }),
      errors: [
        {
          ruleId: 'convex-public-write-without-auth',
          severity: 'info',
          file: 'convex/big.ts',
          range: [2, 13, 2, 16],
          message:
            'The public mutation "big" writes data but never checks the identity: anyone with the deployment URL can call it. If it is not meant to be public, check ctx.auth.getUserIdentity() or make it an internalMutation.',
          related: ['convex/big.ts'],
        },
      ],
    },
  ],
});

/** The related locations (the argument, then the write), which the RuleTester checks only by file. */
describe('convex-public-write-without-auth related locations', () => {
  it('a privileged argument: the argument, then the write', () => {
    const files = setPlan;
    assert.deepEqual(
      single(check(rule, files)).related?.map((info) => info.location.range),
      [rangeOf(files, 'convex/billing.ts', 'plan'), rangeOf(files, 'convex/billing.ts', 'ctx.db.patch(teamId, { plan })')],
    );
  });

  it('a public write while others check cites the checking function', () => {
    const finding = single(check(rule, project({ 'convex/auth.config.ts': authConfig, 'convex/messages.ts': messages, 'convex/lib/auth.ts': helper })));
    assert.ok(finding.related?.some((info) => info.message.includes('list')));
  });

  it('a call named for users is not cited as a check', () => {
    assert.doesNotMatch(
      JSON.stringify(single(check(rule, write('    await notifyUser(ctx, args.email);', "import { notifyUser } from '@acme/mailer';\n")))),
      /notifyUser/,
    );
  });

  for (const [what, code] of writes) {
    it(`the write: ${what}`, () => {
      const tree = filesWith(code);
      assert.deepEqual(
        single(check(rule, tree)).related?.[0].location.range,
        rangeOf(
          tree,
          'convex/files.ts',
          code
            .trim()
            .replace(/^await /, '')
            .replace(/;$/, ''),
        ),
      );
    });
  }
});

/** The range of the `occurrence`-th `needle` in a file (0-based lines and characters). */
function rangeOf(files: Files, file: string, needle: string, occurrence = 0) {
  const text = files[file];
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = text.indexOf(needle, offset + 1);
  assert.notEqual(offset, -1, `${needle} in ${file}`);
  const position = (at: number) => {
    const before = text.slice(0, at).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  return { start: position(offset), end: position(offset + needle.length) };
}
