/** Issue 9: snippets follow the project's style (Prettier config or the open file) and its users index. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as prettier from 'prettier';
import { adaptSnippetBody, inferCodeStyle, usersIndexFromSchema } from '../../../src/extension/snippets/adapt';
import { maskSnippetSyntax } from '../../../src/extension/snippets/snippetMask';
import { prettierStyle } from '../../../src/extension/snippets/prettierStyle';
import { fixture } from '../../helpers/paths';
import { expandSnippet } from '../../helpers/snippetSyntax';
import { loadSnippets, type Snippet } from './catalog';

const codeSnippets = loadSnippets().filter((snippet) => !snippet.languages.includes('dotenv'));
const named = (name: string): Snippet => codeSnippets.find((snippet) => snippet.name === name)!;
const jsxOf = (snippet: Snippet): boolean => snippet.languages.includes('typescriptreact') && !snippet.languages.includes('typescript');
const expand = (body: string): string => expandSnippet(body, { TM_FILENAME: 'Header.tsx', TM_FILENAME_BASE: 'Header' });
const fixtureSchema = fs.readFileSync(fixture('next16-convex', 'convex', 'schema.ts'), 'utf8');

describe('snippet style adaptation', () => {
  it('keeps every body as written when the project states no style', () => {
    for (const snippet of codeSnippets) assert.equal(adaptSnippetBody(snippet.body, { style: {}, jsx: jsxOf(snippet) }), snippet.body, snippet.name);
  });

  it('masks snippet syntax without moving a character', () => {
    const body = "export const ${1:updateName} = mutation({ ${2|a,b|}: '$3' })$0 \\$x ${TM_FILENAME_BASE/(.*)/${1:/pascalcase}/}";
    const masked = maskSnippetSyntax(body);
    assert.equal(masked.length, body.length);
    assert.equal(masked, `export const ${'_'.repeat(15)} = mutation({ ${'_'.repeat(9)}: '  ' })   \\$x ${'_'.repeat(42)}`);
  });

  for (const [semi, singleQuote] of [
    [true, false],
    [true, true],
    [false, false],
  ] as const) {
    it(`writes what Prettier writes with semi: ${semi}, singleQuote: ${singleQuote} (layout aside), for every snippet`, async () => {
      for (const snippet of codeSnippets) {
        const jsx = jsxOf(snippet);
        const adapted = expand(adaptSnippetBody(snippet.body, { style: { semicolons: semi, quote: singleQuote ? 'single' : 'double' }, jsx }));
        const formatted = await prettier.format(expand(snippet.body), { parser: 'typescript', semi, singleQuote, printWidth: 400, useTabs: true });
        // Only whitespace may differ: line breaks and indentation are the editor's business.
        assert.equal(adapted.replace(/\s+/g, ''), formatted.replace(/\s+/g, ''), snippet.name);
      }
    });
  }

  it('queries the users index the project schema defines, by identity.subject', () => {
    const usersIndex = usersIndexFromSchema(fixtureSchema);
    assert.deepEqual(usersIndex, { index: 'byExternalId', field: 'externalId' });
    const adapted = adaptSnippetBody(named('Convex mutation that checks identity').body, { style: {}, usersIndex, jsx: false });
    assert.match(adapted, /\.withIndex\('byExternalId', \(q\) => q\.eq\('externalId', identity\.subject\)\)/);
    assert.doesNotMatch(adapted, /by_clerk_id|clerkId/);
    assert.match(adaptSnippetBody(named('Convex requireUser(ctx) helper').body, { style: {}, usersIndex, jsx: false }), /'byExternalId'/);
  });

  it('leaves a snippet that also writes its own field (convex-users) on its own schema', () => {
    const body = named('Convex users module (getCurrentUser + webhook sync)').body;
    assert.equal(adaptSnippetBody(body, { style: {}, usersIndex: { index: 'byExternalId', field: 'externalId' }, jsx: false }), body);
  });

  it('finds no users index in a schema keyed by tokenIdentifier or without a users table', () => {
    assert.equal(usersIndexFromSchema(fixtureSchema.replace(/externalId/g, 'tokenIdentifier')), undefined);
    assert.equal(usersIndexFromSchema(fixtureSchema.replace('users:', 'people:')), undefined);
  });

  it("reads the open file's style, and nothing from a file without evidence", () => {
    assert.deepEqual(inferCodeStyle(fs.readFileSync(fixture('next16-convex', 'convex', 'users.ts'), 'utf8'), false), { semicolons: true, quote: 'single' });
    assert.deepEqual(inferCodeStyle('const a = "x"\nconst b = "y"\n', false), { semicolons: false, quote: 'double' });
    assert.deepEqual(inferCodeStyle('', true), { semicolons: undefined, quote: undefined });
  });

  it("reads Prettier's semi and singleQuote, with Prettier's defaults", () => {
    assert.deepEqual(prettierStyle('.prettierrc', '{ "semi": false, "singleQuote": true }'), { semicolons: false, quote: 'single' });
    assert.deepEqual(prettierStyle('.prettierrc.json', '{ "printWidth": 100, }'), { semicolons: true, quote: 'double' });
    assert.deepEqual(prettierStyle('package.json', '{ "name": "app", "prettier": { "singleQuote": true } }'), { semicolons: true, quote: 'single' });
    assert.equal(prettierStyle('package.json', '{ "name": "app" }'), undefined);
    assert.equal(prettierStyle('.prettierrc', 'semi: false\nsingleQuote: true\n'), undefined, 'YAML falls back to the open file');
  });
});
