import { describePatterns, packageJson, type Files, type PatternCase } from './harness';

/**
 * Public Convex functions and who may call them (issue 10, D3): only real identity checks count,
 * writes are followed into helpers, storage and the scheduler, a client-chosen plan/role/status or
 * account is a warning on its own, and a caller identity taken from the arguments is
 * `convex-identity-from-args` (which owns such a function: one warning, not two).
 */

const rules = ['convex-public-write-without-auth', 'convex-identity-from-args'];
const withInfo: PatternCase['levels'] = ['error', 'warning', 'info'];

const authConfig = "export default {\n  providers: [{ domain: process.env.CLERK_FRONTEND_API_URL!, applicationID: 'convex' }],\n};\n";
const schema =
  "import { defineSchema, defineTable } from 'convex/server';\nimport { v } from 'convex/values';\nexport default defineSchema({\n  items: defineTable({ text: v.string(), userId: v.optional(v.string()) }).index('by_user', ['userId']),\n});\n";
const header =
  "import { v } from 'convex/values';\nimport { query, mutation, action, internalQuery, internalMutation, internalAction } from './_generated/server';\nimport { api, internal } from './_generated/api';\n";

/** A Next.js + Clerk + Convex app with the given Convex files (`convex/<name>`). */
function app(convex: Files, options: { auth?: boolean } = {}): Files {
  const files: Files = {
    'package.json': packageJson({ next: '16.0.7', react: '19.2.0', '@clerk/nextjs': '7.9.17', convex: '1.48.0' }),
    'convex/schema.ts': schema,
  };
  if (options.auth !== false) files['convex/auth.config.ts'] = authConfig;
  for (const [name, text] of Object.entries(convex)) files[`convex/${name}`] = name.startsWith('lib/') ? text : header + text;
  return files;
}

/** A public function that does check, so an unchecked write next to it is a warning, not info. */
const checkedList =
  "export const mine = query({\n  args: {},\n  handler: async (ctx) => {\n    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) return [];\n    return ctx.db.query('items').withIndex('by_user', (q) => q.eq('userId', identity.subject)).collect();\n  },\n});\n";

const writeWith = (body: string) => `${checkedList}export const add = mutation({
  args: { text: v.string(), secret: v.optional(v.string()), email: v.optional(v.string()) },
  handler: async (ctx, args) => {
${body}
    await ctx.db.insert('items', { text: args.text });
  },
});
`;

const identityCases: PatternCase[] = [
  {
    name: 'a public mutation that writes with a client-supplied userId: one identity-from-args warning',
    files: app({
      'items.ts':
        "export const addFor = mutation({\n  args: { userId: v.string(), text: v.string() },\n  handler: async (ctx, args) => {\n    await ctx.db.insert('items', { userId: args.userId, text: args.text });\n  },\n});\n",
    }),
    rules,
    levels: withInfo,
    expect: [
      { rule: 'convex-identity-from-args', severity: 'warning', file: 'convex/items.ts', line: 'export const addFor', message: /"userId" and writes with it/ },
    ],
  },
  {
    name: 'near miss: the same mutation checks the identity and compares the argument with it',
    files: app({
      'items.ts':
        "export const addFor = mutation({\n  args: { userId: v.string(), text: v.string() },\n  handler: async (ctx, args) => {\n    const identity = await ctx.auth.getUserIdentity();\n    if (!identity || identity.subject !== args.userId) throw new Error('Forbidden');\n    await ctx.db.insert('items', { userId: args.userId, text: args.text });\n  },\n});\n",
    }),
    rules,
    levels: withInfo,
    expect: [],
  },
  {
    name: "a public query that reads another user's documents by a clerkId argument",
    files: app({
      'items.ts':
        "export const listFor = query({\n  args: { clerkId: v.string() },\n  handler: async (ctx, { clerkId }) => ctx.db.query('items').withIndex('by_user', (q) => q.eq('userId', clerkId)).collect(),\n});\n",
    }),
    rules,
    expect: [
      {
        rule: 'convex-identity-from-args',
        severity: 'warning',
        file: 'convex/items.ts',
        line: 'export const listFor',
        message: /selects that user's documents/,
      },
    ],
  },
  {
    name: 'near miss: a user badge (name and image only) looked up by id stays silent',
    files: app({
      'users.ts':
        "export const badge = query({\n  args: { userId: v.id('users') },\n  handler: async (ctx, args) => {\n    const user = await ctx.db.get(args.userId);\n    if (!user) return null;\n    return { name: user.name, image: user.image };\n  },\n});\n",
    }),
    rules,
    expect: [],
  },
  {
    name: 'the same lookup returning the whole user document (email included) is a warning',
    files: app({
      'users.ts':
        "export const badge = query({\n  args: { userId: v.id('users') },\n  handler: async (ctx, args) => {\n    const user = await ctx.db.get(args.userId);\n    return user;\n  },\n});\n",
    }),
    rules,
    expect: [{ rule: 'convex-identity-from-args', severity: 'warning', file: 'convex/users.ts', line: 'export const badge' }],
  },
  {
    name: 'near miss: a public listing without identity arguments (a shared page) stays silent',
    files: app({
      'items.ts':
        "export const latest = query({\n  args: { limit: v.number() },\n  handler: async (ctx, { limit }) => ctx.db.query('items').order('desc').take(limit),\n});\n",
    }),
    rules,
    levels: withInfo,
    expect: [],
  },
  {
    name: 'near miss: an internal query selecting by userId stays silent',
    files: app({
      'items.ts':
        "export const listFor = internalQuery({\n  args: { userId: v.string() },\n  handler: async (ctx, { userId }) => ctx.db.query('items').withIndex('by_user', (q) => q.eq('userId', userId)).collect(),\n});\n",
    }),
    rules,
    levels: withInfo,
    expect: [],
  },
  {
    name: "an action that redirects a user's payouts: userId and a Stripe account go straight to a mutation",
    files: app({
      'payouts.ts':
        "export const setPayoutAccount = action({\n  args: { userId: v.id('users'), stripeAccountId: v.string() },\n  handler: async (ctx, args) => {\n    await ctx.runMutation(internal.payouts.save, { userId: args.userId, stripeAccountId: args.stripeAccountId });\n  },\n});\nexport const save = internalMutation({\n  args: { userId: v.id('users'), stripeAccountId: v.string() },\n  handler: async (ctx, { userId, stripeAccountId }) => { await ctx.db.patch(userId, { stripeAccountId }); },\n});\n",
    }),
    rules,
    levels: withInfo,
    expect: [{ rule: 'convex-identity-from-args', severity: 'warning', file: 'convex/payouts.ts', line: 'export const setPayoutAccount' }],
  },
  {
    name: 'a user looked up by a client-supplied email',
    files: app({
      'users.ts':
        "export const byEmail = query({\n  args: { email: v.string() },\n  handler: async (ctx, { email }) => ctx.db.query('users').withIndex('by_email', (q) => q.eq('email', email)).unique(),\n});\n",
    }),
    rules,
    expect: [{ rule: 'convex-identity-from-args', severity: 'warning', file: 'convex/users.ts', line: 'export const byEmail' }],
  },
  {
    name: 'near miss: a waitlist form that stores an email is only the info-level public write',
    files: app({
      'waitlist.ts':
        "export const join = mutation({\n  args: { email: v.string() },\n  handler: async (ctx, { email }) => {\n    if (await ctx.db.query('waitlist').withIndex('by_email', (q) => q.eq('email', email)).first()) return;\n    await ctx.db.insert('waitlist', { email });\n  },\n});\n",
    }),
    rules,
    levels: withInfo,
    expect: [{ rule: 'convex-public-write-without-auth', severity: 'info', file: 'convex/waitlist.ts', line: 'export const join' }],
  },
];

const severityCases: PatternCase[] = [
  {
    name: 'a public write of a client-chosen plan is a warning even where nothing else checks',
    files: app({
      'billing.ts':
        "export const setPlan = mutation({\n  args: { teamId: v.id('teams'), plan: v.string() },\n  handler: async (ctx, { teamId, plan }) => {\n    await ctx.db.patch(teamId, { plan });\n  },\n});\n",
    }),
    rules,
    expect: [
      {
        rule: 'convex-public-write-without-auth',
        severity: 'warning',
        file: 'convex/billing.ts',
        line: 'export const setPlan',
        message: /writes "plan" from its arguments/,
      },
    ],
  },
  {
    name: 'near miss: a plain public write in demo code stays info',
    files: app({
      'numbers.ts':
        "export const addNumber = mutation({\n  args: { value: v.number() },\n  handler: async (ctx, args) => {\n    await ctx.db.insert('numbers', { value: args.value });\n  },\n});\n",
    }),
    rules,
    levels: withInfo,
    expect: [{ rule: 'convex-public-write-without-auth', severity: 'info', file: 'convex/numbers.ts', line: 'export const addNumber' }],
  },
  {
    name: 'near miss: without auth in convex/auth.config.* nothing is reported',
    files: app(
      {
        'billing.ts':
          "export const setPlan = mutation({\n  args: { teamId: v.id('teams'), plan: v.string(), userId: v.string() },\n  handler: async (ctx, { teamId, plan, userId }) => {\n    await ctx.db.patch(teamId, { plan, userId });\n  },\n});\n",
      },
      { auth: false },
    ),
    rules,
    levels: withInfo,
    expect: [],
  },
];

const checkCases: PatternCase[] = [
  {
    name: 'a call named for users is no check, and the message does not cite it',
    files: app({ 'items.ts': `import { notifyUser } from '@acme/mailer';\n${writeWith('    await notifyUser(ctx, args.email);')}` }),
    rules,
    expect: [
      {
        rule: 'convex-public-write-without-auth',
        severity: 'warning',
        file: 'convex/items.ts',
        line: 'export const add',
        message: /^(?![\s\S]*notifyUser)[\s\S]*unlike "items\.mine"/,
      },
    ],
  },
  {
    name: "near miss: a guard on a package helper's answer is a check",
    files: app({
      'items.ts': `import { getUserId } from '@acme/auth';\n${writeWith("    const userId = await getUserId(ctx);\n    if (!userId) throw new Error('Unauthorized');")}`,
    }),
    rules,
    levels: withInfo,
    expect: [],
  },
  {
    name: 'near miss: a shared-secret gate in a helper of another file is a check',
    files: app({
      'items.ts': `import { assertSecret } from './lib/secret';\n${writeWith('    assertSecret(args.secret);')}`,
      'lib/secret.ts':
        "export function assertSecret(secret: string | undefined) {\n  if (secret !== process.env.SYNC_SECRET) throw new Error('Forbidden');\n}\n",
    }),
    rules,
    levels: withInfo,
    expect: [],
  },
  {
    name: 'near miss: a gate that compares the argument with a local holding the env value',
    files: app({
      'items.ts': `import { assertAdmin } from './lib/admin';\n${writeWith('    assertAdmin(ctx, args.secret);')}`,
      'lib/admin.ts':
        "export function assertAdmin(_ctx: unknown, token: string | undefined) {\n  const expected = process.env.ADMIN_TOKEN;\n  if (!expected) throw new Error('ADMIN_TOKEN is not set');\n  if (token !== expected) throw new Error('Unauthorized');\n}\n",
    }),
    rules,
    levels: withInfo,
    expect: [],
  },
  {
    name: 'near miss: the identity checked by a query the handler runs (ctx.runQuery(api.users.current))',
    files: app({
      'users.ts':
        "export const current = query({\n  args: {},\n  handler: async (ctx) => {\n    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) throw new Error('Not authenticated');\n    return identity.subject;\n  },\n});\n",
      'items.ts': writeWith('    await ctx.runQuery(api.users.current);'),
    }),
    rules,
    levels: withInfo,
    expect: [],
  },
  {
    name: "near miss: a Stripe signature checked with the deployment's secret gates the caller",
    files: app({
      'items.ts': `import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_KEY!);\n${writeWith("    stripe.webhooks.constructEvent(args.text, args.secret ?? '', process.env.STRIPE_WEBHOOK_SECRET!);")}`,
    }),
    rules,
    levels: withInfo,
    expect: [],
  },
  {
    name: 'an environment test that compares no argument is no secret gate',
    files: app({ 'items.ts': writeWith("    if (process.env.NODE_ENV === 'production') throw new Error('dev only');") }),
    rules,
    expect: [{ rule: 'convex-public-write-without-auth', severity: 'warning', file: 'convex/items.ts', line: 'export const add' }],
  },
  {
    name: 'near miss: an identity check two helpers deep in other files',
    files: app({
      'items.ts': `import { requireMember } from './lib/members';\n${writeWith('    await requireMember(ctx);')}`,
      'lib/members.ts': "import { requireIdentity } from './identity';\nexport async function requireMember(ctx: any) {\n  return requireIdentity(ctx);\n}\n",
      'lib/identity.ts':
        "export async function requireIdentity(ctx: any) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) throw new Error('Unauthenticated');\n  return identity;\n}\n",
    }),
    rules,
    levels: withInfo,
    expect: [],
  },
  {
    name: 'custom builders: an authed customMutation protects its functions, a plain one does not',
    files: app({
      'lib/functions.ts':
        "import { customMutation, customCtx } from 'convex-helpers/server/customFunctions';\nimport { mutation } from '../_generated/server';\nimport { getUser } from './users';\nexport const authedMutation = customMutation(mutation, customCtx(async (ctx) => {\n  const user = await getUser(ctx);\n  if (!user) throw new Error('Unauthenticated');\n  return { user };\n}));\nexport const triggerMutation = customMutation(mutation, customCtx(async () => ({})));\n",
      'lib/users.ts':
        "export async function getUser(ctx: any) {\n  const identity = await ctx.auth.getUserIdentity();\n  return identity && ctx.db.query('users').withIndex('by_token', (q: any) => q.eq('tokenIdentifier', identity.tokenIdentifier)).unique();\n}\n",
      'notes.ts':
        "import { authedMutation, triggerMutation } from './lib/functions';\nexport const addNote = authedMutation({ args: { text: v.string() }, handler: async (ctx, { text }) => { await ctx.db.insert('notes', { text }); } });\nexport const addOpenNote = triggerMutation({ args: { text: v.string() }, handler: async (ctx, { text }) => { await ctx.db.insert('notes', { text }); } });\n",
    }),
    rules,
    expect: [
      {
        rule: 'convex-public-write-without-auth',
        severity: 'warning',
        file: 'convex/notes.ts',
        line: 'export const addOpenNote',
        message: /unlike "notes\.addNote"/,
      },
    ],
  },
];

const jobs =
  "export const purge = internalMutation({ args: {}, handler: async (ctx) => { for (const item of await ctx.db.query('items').collect()) await ctx.db.delete(item._id); } });\nexport const ping = internalAction({ args: {}, handler: async () => { await fetch('https://example.com/ping'); } });\n";

const writeCases: PatternCase[] = [
  ...[
    [
      'ctx.storage.delete',
      "export const removeFile = mutation({ args: { id: v.id('_storage') }, handler: async (ctx, { id }) => { await ctx.storage.delete(id); } });\n",
    ],
    [
      'ctx.storage.store in a mutation (convex 1.48.0)',
      "export const removeFile = mutation({ args: {}, handler: async (ctx) => { await ctx.storage.store(new Blob(['x'])); } });\n",
    ],
    [
      'scheduling an internal write',
      'export const removeFile = mutation({ args: {}, handler: async (ctx) => { await ctx.scheduler.runAfter(0, internal.files.purge, {}); } });\n',
    ],
    [
      'a write inside a project helper',
      "import { wipe } from './lib/wipe';\nexport const removeFile = mutation({ args: {}, handler: async (ctx) => { await wipe(ctx); } });\n",
    ],
  ].map(([what, code]): PatternCase => ({
    name: `counts ${what} as a write`,
    files: app({
      'files.ts': checkedList + jobs + code,
      'lib/wipe.ts':
        "export async function wipe(ctx: any) {\n  const first = await ctx.db.query('items').first();\n  if (first) await ctx.db.delete(first._id);\n}\n",
    }),
    rules,
    expect: [{ rule: 'convex-public-write-without-auth', severity: 'warning', file: 'convex/files.ts', line: 'export const removeFile' }],
  })),
  {
    name: 'near miss: scheduling an action that writes nothing is no write',
    files: app({
      'files.ts': `${checkedList}${jobs}export const pingLater = mutation({ args: {}, handler: async (ctx) => { await ctx.scheduler.runAfter(0, internal.files.ping, {}); } });\n`,
    }),
    rules,
    levels: withInfo,
    expect: [],
  },
];

describePatterns('patterns: Convex public functions and identity (D3)', [...identityCases, ...severityCases, ...checkCases, ...writeCases]);
