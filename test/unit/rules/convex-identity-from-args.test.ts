import * as assert from 'node:assert/strict';
import { check, ruleTester, single, type Files } from '../ruleTester';
import { convexIdentityFromArgsRule as rule } from '../../../src/core/rules/convex-identity-from-args';
import { convexPublicWriteWithoutAuthRule } from '../../../src/core/rules/convex-public-write-without-auth';

const authConfig = `export default { providers: [{ domain: process.env.CLERK_FRONTEND_API_URL!, applicationID: 'convex' }] };\n`;
const header =
  "import { v } from 'convex/values';\nimport { query, mutation, action, internalQuery } from './_generated/server';\nimport { api } from './_generated/api';\n";

function project(functions: string, extra: Files = {}, withAuth = true): Files {
  return {
    'package.json': JSON.stringify({ name: 'backend', dependencies: { convex: '1.48.0' } }),
    ...(withAuth ? { 'convex/auth.config.ts': authConfig } : {}),
    'convex/data.ts': header + functions,
    ...extra,
  };
}

function rangeOf(files: Files, file: string, needle: string) {
  const text = files[file];
  const offset = text.indexOf(needle);
  assert.notEqual(offset, -1, `${needle} in ${file}`);
  const position = (at: number) => {
    const before = text.slice(0, at).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  return { start: position(offset), end: position(offset + needle.length) };
}

const ordersByUser = `export const myOrders = query({
  args: { userId: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.query('orders').withIndex('by_user', (q) => q.eq('userId', args.userId)).collect();
  },
});
`;

const viaHelperAndRunQuery = project(
  `import { userByClerkId } from './lib/users';
export const profile = query({ args: { clerkId: v.string() }, handler: async (ctx, args) => userByClerkId(ctx, args.clerkId) });
export const report = action({ args: { tokenIdentifier: v.string() }, handler: async (ctx, args) => ctx.runQuery(api.data.recent, { token: args.tokenIdentifier }) });
`,
  {
    'convex/lib/users.ts':
      "export async function userByClerkId(ctx: any, id: string) {\n  return ctx.db.query('users').withIndex('by_clerk', (q: any) => q.eq('clerkId', id)).unique();\n}\n",
  },
);

const noteViaHelper = project(
  `import { saveNote } from './lib/notes';
export const note = mutation({ args: { userId: v.string(), text: v.string() }, handler: async (ctx, args) => saveNote(ctx, args) });
`,
  {
    'convex/lib/notes.ts': "export async function saveNote(ctx: any, input: { text: string }) {\n  await ctx.db.insert('notes', { text: input.text });\n}\n",
  },
);

const renameByOwner = `export const rename = mutation({
  args: { ownerId: v.id('users'), name: v.string() },
  handler: async (ctx, { ownerId, name }) => {
    await ctx.db.patch(ownerId, { name });
  },
});
`;

/** The reporting fixtures below, with exact ranges, severities and related locations. */
ruleTester.run(rule, {
  valid: [
    {
      name: 'the argument compared with the checked identity',
      files: project(
        ordersByUser.replace(
          '    return await',
          "    const identity = await ctx.auth.getUserIdentity();\n    if (identity?.subject !== args.userId) throw new Error('Forbidden');\n    return await",
        ),
      ),
    },
    { name: 'an internal function', files: project(ordersByUser.replace('query({', 'internalQuery({')) },
    { name: 'no auth configured', files: project(ordersByUser, {}, false) },
    {
      name: 'a listing without identity arguments',
      files: project(
        "export const recent = query({ args: { limit: v.number() }, handler: async (ctx, { limit }) => ctx.db.query('posts').order('desc').take(limit) });\n",
      ),
    },
    {
      name: 'an email a form stores (a waitlist), not one that looks a user up',
      files: project(
        "export const join = mutation({ args: { email: v.string() }, handler: async (ctx, { email }) => {\n  if (await ctx.db.query('waitlist').withIndex('by_email', (q) => q.eq('email', email)).first()) return;\n  await ctx.db.insert('waitlist', { email });\n} });\n",
      ),
    },
    {
      name: 'a public page listing by an author id',
      files: project(
        "export const byAuthor = query({ args: { authorId: v.id('users') }, handler: async (ctx, { authorId }) => ctx.db.query('posts').withIndex('by_author', (q) => q.eq('authorId', authorId)).collect() });\n",
      ),
    },
    { name: 'the whole arguments handed to a helper that writes only other fields', files: noteViaHelper },
  ],
  invalid: [
    {
      name: 'a public query selecting by a client-supplied userId',
      files: project(ordersByUser),
      errors: [
        {
          ruleId: 'convex-identity-from-args',
          severity: 'warning',
          file: 'convex/data.ts',
          range: [3, 13, 3, 21],
          message:
            'The public query "myOrders" takes the caller\'s identity from its argument "userId" and selects that user\'s documents with it, without checking who is calling: anyone with the deployment URL can pass another user\'s userId and read their data. Take the identity from ctx.auth.getUserIdentity() (identity.subject, or the user looked up from it) instead of the argument.',
          related: ['convex/data.ts', 'convex/data.ts'],
        },
      ],
    },
    {
      name: 'a write with a client-supplied owner id',
      files: project(renameByOwner),
      errors: [
        {
          ruleId: 'convex-identity-from-args',
          severity: 'warning',
          file: 'convex/data.ts',
          range: [3, 13, 3, 19],
          message:
            'The public mutation "rename" takes the caller\'s identity from its argument "ownerId" and writes with it, without checking who is calling: anyone with the deployment URL can pass another user\'s ownerId and change their data. Take the identity from ctx.auth.getUserIdentity() (identity.subject, or the user looked up from it) instead of the argument.',
          related: ['convex/data.ts', 'convex/data.ts'],
        },
      ],
    },
    {
      name: 'an email that looks a user up',
      files: project(
        "export const byEmail = query({ args: { email: v.string() }, handler: async (ctx, { email }) => ctx.db.query('users').withIndex('by_email', (q) => q.eq('email', email)).unique() });\n",
      ),
      errors: [
        {
          ruleId: 'convex-identity-from-args',
          severity: 'warning',
          file: 'convex/data.ts',
          range: [3, 13, 3, 20],
          message:
            'The public query "byEmail" takes the caller\'s identity from its argument "email" and selects that user\'s documents with it, without checking who is calling: anyone with the deployment URL can pass another user\'s email and read their data. Take the identity from ctx.auth.getUserIdentity() (identity.subject, or the user looked up from it) instead of the argument.',
          related: ['convex/data.ts', 'convex/data.ts'],
        },
      ],
    },
    {
      name: 'the id followed into a project helper and through ctx.runQuery',
      files: viaHelperAndRunQuery,
      errors: [
        {
          ruleId: 'convex-identity-from-args',
          severity: 'warning',
          file: 'convex/data.ts',
          range: [4, 13, 4, 20],
          message:
            'The public query "profile" takes the caller\'s identity from its argument "clerkId" and selects that user\'s documents with it, without checking who is calling: anyone with the deployment URL can pass another user\'s clerkId and read their data. Take the identity from ctx.auth.getUserIdentity() (identity.subject, or the user looked up from it) instead of the argument.',
          related: ['convex/data.ts', 'convex/data.ts'],
        },
        {
          ruleId: 'convex-identity-from-args',
          severity: 'warning',
          file: 'convex/data.ts',
          range: [5, 13, 5, 19],
          message:
            'The public action "report" takes the caller\'s identity from its argument "tokenIdentifier" and selects that user\'s documents with it, without checking who is calling: anyone with the deployment URL can pass another user\'s tokenIdentifier and read their data. Take the identity from ctx.auth.getUserIdentity() (identity.subject, or the user looked up from it) instead of the argument.',
          related: ['convex/data.ts', 'convex/data.ts'],
        },
      ],
    },
    {
      name: 'an author id that is written',
      files: project(
        "export const post = mutation({ args: { authorId: v.id('users'), body: v.string() }, handler: async (ctx, args) => { await ctx.db.insert('posts', { authorId: args.authorId, body: args.body }); } });\n",
      ),
      errors: [
        {
          ruleId: 'convex-identity-from-args',
          severity: 'warning',
          file: 'convex/data.ts',
          range: [3, 13, 3, 17],
          message:
            'The public mutation "post" takes the caller\'s identity from its argument "authorId" and writes with it, without checking who is calling: anyone with the deployment URL can pass another user\'s authorId and change their data. Take the identity from ctx.auth.getUserIdentity() (identity.subject, or the user looked up from it) instead of the argument.',
          related: ['convex/data.ts', 'convex/data.ts'],
        },
      ],
    },
    {
      name: 'the whole arguments object written; an object argument to a helper followed by field',
      files: project(
        `import { userByClerkId } from './lib/users';
export const create = mutation({ args: { clerkId: v.string(), name: v.string() }, handler: async (ctx, args) => ctx.db.insert('users', args) });
export const lookup = query({ args: { clerkId: v.string() }, handler: async (ctx, args) => userByClerkId({ ctx, clerkId: args.clerkId }) });
`,
        {
          'convex/lib/users.ts':
            "export async function userByClerkId({ ctx, clerkId }: { ctx: any; clerkId: string }) {\n  return ctx.db.query('users').withIndex('by_clerk', (q: any) => q.eq('clerkId', clerkId)).unique();\n}\n",
        },
      ),
      errors: [
        {
          ruleId: 'convex-identity-from-args',
          severity: 'warning',
          file: 'convex/data.ts',
          range: [4, 13, 4, 19],
          message:
            'The public mutation "create" takes the caller\'s identity from its argument "clerkId" and writes with it, without checking who is calling: anyone with the deployment URL can pass another user\'s clerkId and change their data. Take the identity from ctx.auth.getUserIdentity() (identity.subject, or the user looked up from it) instead of the argument.',
          related: ['convex/data.ts', 'convex/data.ts'],
        },
        {
          ruleId: 'convex-identity-from-args',
          severity: 'warning',
          file: 'convex/data.ts',
          range: [5, 13, 5, 19],
          message:
            'The public query "lookup" takes the caller\'s identity from its argument "clerkId" and selects that user\'s documents with it, without checking who is calling: anyone with the deployment URL can pass another user\'s clerkId and read their data. Take the identity from ctx.auth.getUserIdentity() (identity.subject, or the user looked up from it) instead of the argument.',
          related: ['convex/data.ts', 'convex/data.ts'],
        },
      ],
    },
    {
      name: 'a mutation that finds the user by the id and then patches that document',
      files: project(
        "export const rename = mutation({ args: { clerkId: v.string(), name: v.string() }, handler: async (ctx, args) => {\n  const user = await ctx.db.query('users').withIndex('by_clerk', (q) => q.eq('clerkId', args.clerkId)).unique();\n  if (user) await ctx.db.patch(user._id, { name: args.name });\n} });\n",
      ),
      errors: [
        {
          ruleId: 'convex-identity-from-args',
          severity: 'warning',
          file: 'convex/data.ts',
          range: [3, 13, 3, 19],
          message:
            'The public mutation "rename" takes the caller\'s identity from its argument "clerkId", selects that user\'s documents with it and writes, without checking who is calling: anyone with the deployment URL can pass another user\'s clerkId and change their data. Take the identity from ctx.auth.getUserIdentity() (identity.subject, or the user looked up from it) instead of the argument.',
          related: ['convex/data.ts', 'convex/data.ts'],
        },
      ],
    },
  ],
});

/** With convex-public-write-without-auth: a write with a client-supplied owner id is this rule's alone. */
ruleTester.run(
  [rule, convexPublicWriteWithoutAuthRule],
  {
    invalid: [
      {
        name: 'a write with a client-supplied owner id: one warning, not also convex-public-write-without-auth',
        files: project(renameByOwner),
        errors: [
          {
            ruleId: 'convex-identity-from-args',
            severity: 'warning',
            file: 'convex/data.ts',
            range: [3, 13, 3, 19],
            message:
              'The public mutation "rename" takes the caller\'s identity from its argument "ownerId" and writes with it, without checking who is calling: anyone with the deployment URL can pass another user\'s ownerId and change their data. Take the identity from ctx.auth.getUserIdentity() (identity.subject, or the user looked up from it) instead of the argument.',
            related: ['convex/data.ts', 'convex/data.ts'],
          },
        ],
      },
      {
        name: 'near miss: the arguments handed to a helper that writes only other fields: the public-write info only',
        files: noteViaHelper,
        errors: [
          {
            ruleId: 'convex-public-write-without-auth',
            severity: 'info',
            file: 'convex/data.ts',
            range: [4, 13, 4, 17],
            message:
              'The public mutation "note" writes data but never checks the identity: anyone with the deployment URL can call it. If it is not meant to be public, check ctx.auth.getUserIdentity() or make it an internalMutation.',
            related: ['convex/data.ts'],
          },
        ],
      },
    ],
  },
  'convex-identity-from-args with convex-public-write-without-auth (RuleTester)',
);

/** The related locations (the argument, then the use), which the RuleTester checks only by file. */
describe('convex-identity-from-args related locations', () => {
  it('points at the argument and the selecting query', () => {
    const files = project(ordersByUser);
    assert.deepEqual(
      single(check(rule, files)).related?.map((info) => info.location.range),
      [
        rangeOf(files, 'convex/data.ts', 'userId'),
        rangeOf(files, 'convex/data.ts', "ctx.db.query('orders').withIndex('by_user', (q) => q.eq('userId', args.userId))"),
      ],
    );
  });

  it('points at the write', () => {
    const files = project(renameByOwner);
    assert.deepEqual(single(check(rule, files)).related?.[1].location.range, rangeOf(files, 'convex/data.ts', 'ctx.db.patch(ownerId, { name })'));
  });

  it('points at the helper call', () => {
    const files = viaHelperAndRunQuery;
    assert.deepEqual(check(rule, files)[0].related?.[1].location.range, rangeOf(files, 'convex/data.ts', 'userByClerkId(ctx, args.clerkId)'));
  });
});
