import * as assert from 'node:assert/strict';
import { check, single, textAt, type Files } from '../analysis/routeRuleHarness';
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
    const files = project({ 'convex/auth.config.ts': authConfig, 'convex/messages.ts': messages.replace("await ctx.db.insert('messages', { body });", "await requireUser(ctx);\n    await ctx.db.insert('messages', { body });"), 'convex/lib/auth.ts': helper });
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
