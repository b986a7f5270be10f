import * as assert from 'node:assert/strict';
import { expandSnippet, parseSnippet } from '../../helpers/snippetSyntax';

const expand = (source: string, variables: Record<string, string> = {}) => expandSnippet(source, variables);

describe('VS Code snippet syntax', () => {
  describe('tab stops and placeholders', () => {
    it('removes plain tab stops and the final $0', () => {
      assert.equal(expand('a$1b${2}c$0'), 'abc');
    });

    it('inserts placeholder defaults, nested ones included', () => {
      assert.equal(expand('${1:foo} ${2:bar ${3:baz}}'), 'foo bar baz');
    });

    it('mirrors the first placeholder with a value into every stop with its index', () => {
      assert.equal(expand('$1 ${1:users} ${1:ignored} $1'), 'users users users users');
    });

    it('applies a transform to a mirrored value', () => {
      assert.equal(expand('${1:user} ${1/(.*)/${1:/upcase}/}'), 'user USER');
    });

    it('takes the first option of a choice and honours \\, and \\| inside options', () => {
      assert.equal(expand('${1|GET,POST|}'), 'GET');
      assert.equal(expand('${1|a\\,b,c|}'), 'a,b');
      assert.equal(expand('${1|x\\|y,z|} $1'), 'x|y x|y');
      assert.deepEqual(parseSnippet('${1|one,two,three|}'), [{ kind: 'tabstop', index: 1, children: [], choices: ['one', 'two', 'three'] }]);
    });
  });

  describe('variables', () => {
    it('resolves $NAME and ${NAME}', () => {
      assert.equal(expand('$TM_FILENAME_BASE.${TM_FILENAME}', { TM_FILENAME_BASE: 'page', TM_FILENAME: 'page.tsx' }), 'page.page.tsx');
    });

    it("uses the default of an unresolved variable, and an unknown variable's own name", () => {
      assert.equal(expand('${TM_SELECTED_TEXT:none}'), 'none');
      assert.equal(expand('${userId}'), 'userId');
      assert.equal(expand('${CLIPBOARD}'), '');
    });

    it('transforms with case shorthands, groups and conditionals', () => {
      const vars = { TM_FILENAME_BASE: 'current-user' };
      assert.equal(expand('${TM_FILENAME_BASE/(.*)/${1:/pascalcase}/}', vars), 'CurrentUser');
      assert.equal(expand('${TM_FILENAME_BASE/(.*)/${1:/camelcase}/}', vars), 'currentUser');
      assert.equal(expand('${TM_FILENAME_BASE/(.*)/${1:/capitalize}/}', vars), 'Current-user');
      assert.equal(expand('${TM_FILENAME_BASE/(\\w+)-(\\w+)/$2_${1:/upcase}/}', vars), 'user_CURRENT');
      assert.equal(expand('${TM_FILENAME_BASE/(current)?-(x)?.*/${1:+yes}${2:?has:no}/}', vars), 'yesno');
      assert.equal(expand('${TM_FILENAME_BASE/nomatch/${1:-fallback}/}', vars), 'fallback');
      assert.equal(expand('${TM_FILENAME_BASE/-/_/g}', { TM_FILENAME_BASE: 'a-b-c' }), 'a_b_c');
      assert.equal(expand('${TM_FILENAME_BASE/a\\/b/x/}', { TM_FILENAME_BASE: 'a/b' }), 'x');
    });
  });

  describe('escapes and text', () => {
    it('unescapes \\$, \\} and \\\\ and keeps other backslashes', () => {
      assert.equal(expand('\\$1 \\} \\\\ \\.'), '$1 } \\ \\.');
      assert.equal(expand('`\\${name}`'), '`${name}`');
    });

    it('keeps braces outside placeholders and escaped braces inside them', () => {
      assert.equal(expand('{ a: 1 }'), '{ a: 1 }');
      assert.equal(expand('${1:{ a: 1 \\}}'), '{ a: 1 }');
    });

    it('falls back to text for constructs that do not parse, as the editor does', () => {
      assert.equal(expand('$'), '$');
      assert.equal(expand('${'), '${');
      assert.equal(expand('${1:unterminated'), '${1:unterminated');
      assert.equal(expand('${1|a,b'), '${1|a,b');
      assert.equal(expand('${0|a,b|}'), '${0|a,b|}');
      assert.equal(expand('price: $ 5'), 'price: $ 5');
    });
  });
});
