import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { fileFindings, mayUseCheckedApi } from '../../../src/core/rules/clerk-api-deprecated';
import { parseSource } from '../../../src/core/parse/sourceFile';
import { runs } from './runs';

/** Imports of the two async functions, plain, renamed, typed and combined. */
const importLine = fc.constantFrom(
  "import { auth } from '@clerk/nextjs/server';",
  "import { auth, currentUser } from '@clerk/nextjs/server';",
  "import { currentUser, auth } from '@clerk/nextjs/server';",
  "import { clerkClient } from '@clerk/nextjs/server';",
  "import { auth as getAuth } from '@clerk/nextjs/server';",
  "import { clerkClient as client } from '@clerk/nextjs/server';",
  "import { type auth } from '@clerk/nextjs/server';",
  "import * as clerk from '@clerk/nextjs/server';",
  "import { \\u0061uth } from '@clerk/nextjs/server';",
  "import { auth } from './auth';",
);

/** Uses of them: awaited whole, awaited and reached into, not awaited, in comments, strings and JSX. */
const use = fc.constantFrom(
  'const { userId } = await auth();',
  'const { userId } = await  auth() ;',
  'const session = await auth()\nconst x = 1;',
  'const { userId } = auth();',
  'const session = auth();\nsession.userId;',
  'await auth().protect();',
  'await auth.protect();',
  'const id = (await auth()).userId;',
  'const id = await auth()\n  .userId;',
  'const id = await auth()?.userId;',
  'const id = await auth() /* c */ .userId;',
  'return auth().userId;',
  'auth().then((s) => s.userId);',
  'const c = await clerkClient();',
  'const users = (await clerkClient()).users;',
  'const users = clerkClient().users;',
  'const { userId } = await getAuth();',
  'const { userId } = getAuth();',
  'const u = client().users;',
  'const { userId } = await clerk.auth();',
  'const { userId } = clerk.auth();',
  'const session = { auth };',
  'const { auth: a } = props;',
  '// auth() is awaited below',
  "const label = 'auth().userId';",
  'const s = `${auth()}`;',
  'export { auth };',
  'function auth() { return 1; }',
  'const { userId } = await \\u0061uth();',
  'const view = <p>auth() {props.auth}</p>;',
  'const f = await auth()[0];',
  'const g = await auth()!.userId;',
);

/** A page or route handler made of imports, then uses inside an async function. */
const file = fc
  .tuple(fc.array(importLine, { minLength: 1, maxLength: 3 }), fc.array(use, { minLength: 1, maxLength: 4 }))
  .map(([imports, uses]) => `${imports.join('\n')}\n\nexport default async function Page() {\n  ${uses.join('\n  ')}\n  return null;\n}\n`);

describe('property: files left unparsed by clerk-api-deprecated have nothing to report', () => {
  it(`a file the text test skips has no finding when parsed (${runs.syncAuthPrefilter} inputs)`, () => {
    let skipped = 0;
    let reported = 0;
    fc.assert(
      fc.property(file, (text) => {
        const findings = fileFindings(parseSource('/app/app/page.tsx', text), '7.0.0');
        if (findings.length > 0) reported++;
        if (mayUseCheckedApi(text)) return;
        skipped++;
        assert.deepEqual(
          findings.map((finding) => finding.message),
          [],
          `skipped without a parse, but the parsed file has findings:\n${text}`,
        );
      }),
      { numRuns: runs.syncAuthPrefilter },
    );
    // Both sides must be exercised, or the property proves nothing.
    assert.ok(skipped > runs.syncAuthPrefilter / 20, `only ${skipped} files were skipped`);
    assert.ok(reported > runs.syncAuthPrefilter / 4, `only ${reported} files had findings`);
  });

  it('skips the usual page and route handler shapes, and parses the misuses', () => {
    const page = (body: string, imports = "import { auth } from '@clerk/nextjs/server';") =>
      `${imports}\nexport default async function Page() {\n  ${body}\n}\n`;
    assert.equal(mayUseCheckedApi(page('const { userId } = await auth();\n  return userId;')), false);
    assert.equal(mayUseCheckedApi(page('const client = await clerkClient();', "import { auth, clerkClient } from '@clerk/nextjs/server';")), false);
    assert.equal(mayUseCheckedApi(page('const { userId } = auth();')), true, 'not awaited');
    assert.equal(mayUseCheckedApi(page('await auth().protect();')), true, 'awaited, but reached into first');
    assert.equal(mayUseCheckedApi(page('const { userId } = await getAuth();', "import { auth as getAuth } from '@clerk/nextjs/server';")), true, 'renamed');
    assert.equal(mayUseCheckedApi(page('const { userId } = await auth();', "import { clerkMiddleware } from '@clerk/nextjs/server';")), true, 'middleware');
    assert.equal(mayUseCheckedApi(page('return <SignedIn />;', "import { SignedIn } from '@clerk/nextjs';")), true, 'a checked component');
    assert.equal(mayUseCheckedApi(page('const { userId } = auth();', "import { auth } from './auth';")), false, 'nothing from Clerk');
  });
});
