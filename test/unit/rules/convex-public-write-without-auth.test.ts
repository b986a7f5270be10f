import * as assert from 'node:assert/strict';
import { check, ruleTester, single, textAt, type Files } from '../ruleTester';
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

describe('convex-public-write-without-auth', () => {
  it('warns on a public mutation that writes without checking identity while others check', () => {
    const files = project({ 'convex/auth.config.ts': authConfig, 'convex/messages.ts': messages, 'convex/lib/auth.ts': helper });
    const finding = single(check(rule, files));
    assert.equal(finding.severity, 'warning');
    assert.equal(textAt(files, finding), 'send');
    assert.ok(finding.related?.some((info) => info.message.includes('list')));
  });

  it('accepts an identity check through a project helper, and internal mutations', () => {
    const files = project({
      'convex/auth.config.ts': authConfig,
      'convex/messages.ts': messages.replace(
        "await ctx.db.insert('messages', { body });",
        "await requireUser(ctx);\n    await ctx.db.insert('messages', { body });",
      ),
      'convex/lib/auth.ts': helper,
    });
    assert.deepEqual(check(rule, files), []);
  });

  it('is only info when no public function checks identity (demo code)', () => {
    const files = project({
      'convex/auth.config.ts': authConfig,
      'convex/notes.ts': `import { mutation } from './_generated/server';\nexport const add = mutation(async (ctx, { text }: { text: string }) => { await ctx.db.insert('notes', { text }); });\n`,
    });
    assert.equal(single(check(rule, files)).severity, 'info');
  });

  it('stays silent without Clerk auth configured', () => {
    assert.deepEqual(check(rule, project({ 'convex/messages.ts': messages, 'convex/lib/auth.ts': helper })), []);
  });
});

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

/** The reporting cases above, with exact ranges, severities and related locations. */
ruleTester.run(rule, {
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
  ],
});

describe('convex-public-write-without-auth on the Convex template shape', () => {
  it('only shows the viewer name elsewhere: that is no check, so the demo write is info, not a warning', () => {
    const files = project({
      'convex/auth.config.ts': authConfig,
      'convex/myFunctions.ts': `import { v } from 'convex/values';
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
`,
    });
    assert.equal(single(check(rule, files)).severity, 'info');
  });
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

const generated = "import { mutation, query, action, internalMutation, internalAction } from './_generated/server';\nimport { v } from 'convex/values';\n";

describe('convex-public-write-without-auth: severity by impact', () => {
  it('warns on a public write of a plan field from the arguments even when nothing else checks identity', () => {
    const files = project({
      'convex/auth.config.ts': authConfig,
      'convex/billing.ts': `${generated}export const setPlan = mutation({
  args: { teamId: v.id('teams'), plan: v.string() },
  handler: async (ctx, { teamId, plan }) => {
    await ctx.db.patch(teamId, { plan });
  },
});
`,
    });
    const finding = single(check(rule, files));
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.location.range, rangeOf(files, 'convex/billing.ts', 'setPlan'));
    assert.match(finding.message, /writes "plan" from its arguments/);
    assert.deepEqual(
      finding.related?.map((info) => info.location.range),
      [rangeOf(files, 'convex/billing.ts', 'plan'), rangeOf(files, 'convex/billing.ts', 'ctx.db.patch(teamId, { plan })')],
    );
  });

  it('stays info for a plain public write whose arguments carry nothing privileged', () => {
    const files = project({
      'convex/auth.config.ts': authConfig,
      'convex/feedback.ts': `${generated}export const send = mutation({ args: { text: v.string() }, handler: async (ctx, { text }) => { await ctx.db.insert('feedback', { text }); } });\n`,
    });
    assert.equal(single(check(rule, files)).severity, 'info');
  });
});

describe('convex-public-write-without-auth: only real identity checks count', () => {
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

  it('a call named for users is no check, and is not cited as one', () => {
    const files = write('    await notifyUser(ctx, args.email);', "import { notifyUser } from '@acme/mailer';\n");
    const finding = single(check(rule, files));
    assert.equal(finding.severity, 'info');
    assert.doesNotMatch(JSON.stringify(finding), /notifyUser/);
  });

  it("a guard on a package helper's answer is a check", () => {
    assert.deepEqual(
      check(
        rule,
        write("    const userId = await getUserId(ctx);\n    if (!userId) throw new Error('Unauthorized');", "import { getUserId } from '@acme/auth';\n"),
      ),
      [],
    );
  });

  it('the same helper without a guard is no check', () => {
    assert.equal(
      single(check(rule, write('    const userId = await getUserId(ctx);\n    console.log(userId);', "import { getUserId } from '@acme/auth';\n"))).severity,
      'info',
    );
  });

  it('a shared-secret gate is a check, inline or in a helper of another file', () => {
    assert.deepEqual(check(rule, write("    if (args.secret !== process.env.SYNC_SECRET) throw new Error('Forbidden');")), []);
    const files = {
      ...write('    assertSecret(args.secret);', "import { assertSecret } from './lib/secret';\n"),
      'convex/lib/secret.ts':
        "export function assertSecret(secret: string | undefined) {\n  if (!secret || secret !== process.env.SYNC_SECRET) throw new Error('Forbidden');\n}\n",
    };
    assert.deepEqual(check(rule, files), []);
  });

  it('comparing an env variable with a constant is no secret gate', () => {
    assert.equal(single(check(rule, write("    if (process.env.NODE_ENV !== 'development') throw new Error('dev only');"))).severity, 'info');
  });

  it('follows helpers transitively across files, and survives recursion', () => {
    const files = {
      ...write('    await requireMember(ctx, 3);', "import { requireMember } from './lib/members';\n"),
      'convex/lib/members.ts':
        "import { requireIdentity } from './identity';\nexport async function requireMember(ctx: any, depth: number): Promise<void> {\n  if (depth > 0) return requireMember(ctx, depth - 1);\n  await requireIdentity(ctx);\n}\n",
      'convex/lib/identity.ts':
        "export const requireIdentity = async (ctx: any) => {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) throw new Error('Unauthenticated');\n  return identity;\n};\n",
    };
    assert.deepEqual(check(rule, files), []);
  });

  it('a convex-helpers custom mutation whose customCtx checks the identity protects its functions', () => {
    const wrappers = `import { customMutation, customCtx } from 'convex-helpers/server/customFunctions';
import { mutation } from '../_generated/server';
import { getUser } from './users';
export const authedMutation = customMutation(mutation, customCtx(async (ctx) => {
  const user = await getUser(ctx);
  if (!user) throw new Error('Unauthenticated');
  return { user };
}));
export const triggeredMutation = customMutation(mutation, customCtx(async () => ({})));
export const adminMutation = customMutation(authedMutation, { args: {}, input: async (ctx) => ({ ctx, args: {} }) });
`;
    const files = project({
      'convex/auth.config.ts': authConfig,
      'convex/lib/functions.ts': wrappers,
      'convex/lib/users.ts':
        "export async function getUser(ctx: any) {\n  const identity = await ctx.auth.getUserIdentity();\n  return identity && ctx.db.query('users').first();\n}\n",
      'convex/notes.ts': `import { v } from 'convex/values';
import { authedMutation, adminMutation, triggeredMutation } from './lib/functions';
export const add = authedMutation({ args: { text: v.string() }, handler: async (ctx, { text }) => { await ctx.db.insert('notes', { text }); } });
export const wipe = adminMutation({ args: {}, handler: async (ctx) => { await ctx.db.delete((await ctx.db.query('notes').first())!._id); } });
export const open = triggeredMutation({ args: { text: v.string() }, handler: async (ctx, { text }) => { await ctx.db.insert('notes', { text }); } });
`,
    });
    const finding = single(check(rule, files));
    assert.deepEqual(finding.location.range, rangeOf(files, 'convex/notes.ts', 'open'));
  });
});

describe('convex-public-write-without-auth: what counts as a write', () => {
  const files = (handler: string) =>
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

  for (const [what, code] of [
    ['ctx.storage.delete', '    await ctx.storage.delete(args.id);'],
    ['ctx.storage.store (mutations, convex >= 1.48.0)', "    await ctx.storage.store(new Blob(['x']));"],
    ['scheduling an internal write', '    await ctx.scheduler.runAfter(0, internal.files.purge, {});'],
    ['a helper that writes', '    await removeAll(ctx);'],
  ]) {
    it(`counts ${what}`, () => {
      const tree = files(code);
      const finding = single(check(rule, tree));
      assert.deepEqual(
        finding.related?.[0].location.range,
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

  it('scheduling a function that does not write is no write', () => {
    assert.deepEqual(check(rule, files('    await ctx.scheduler.runAfter(0, internal.files.ping, {});')), []);
  });
});

describe('convex-public-write-without-auth: edges', () => {
  it('reads argument names by words: "explanation" is no plan, "isAdmin" and "stripeAccountId" are privileged', () => {
    const tree = (field: string) =>
      project({
        'convex/auth.config.ts': authConfig,
        'convex/answers.ts': `${generated}export const save = mutation({ args: { id: v.id('answers'), ${field}: v.string() }, handler: async (ctx, args) => { await ctx.db.patch(args.id, { ${field}: args.${field} }); } });\n`,
      });
    assert.equal(single(check(rule, tree('explanation'))).severity, 'info');
    assert.equal(single(check(rule, tree('isAdmin'))).severity, 'warning');
    assert.equal(single(check(rule, tree('stripeAccountId'))).severity, 'warning');
  });

  it('any provider in auth.config enables the rule (a customJwt issuer, not only Clerk)', () => {
    const files = project({
      'convex/auth.config.ts':
        "export default { providers: [{ type: 'customJwt', issuer: 'https://auth.example.com', jwks: 'https://auth.example.com/jwks', algorithm: 'RS256', applicationID: 'convex' }] };\n",
      'convex/feedback.ts': `${generated}export const send = mutation({ args: { text: v.string() }, handler: async (ctx, { text }) => { await ctx.db.insert('feedback', { text }); } });\n`,
    });
    assert.equal(single(check(rule, files)).severity, 'info');
  });

  // Deeper trees never reach the rules: the parsing layer skips them with a note (test/unit/core/robustness.test.ts).
  it('survives a handler with an expression as deep as the engine lets through', () => {
    const terms = Array.from({ length: 350 }, (_, index) => `'t${index}'`).join(' + ');
    const files = project({
      'convex/auth.config.ts': authConfig,
      'convex/big.ts': `${generated}export const big = mutation({ args: {}, handler: async (ctx) => { await ctx.db.insert('big', { text: ${terms} }); } });\n`,
    });
    assert.equal(single(check(rule, files)).severity, 'info');
  });
});
