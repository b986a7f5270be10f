import * as assert from 'node:assert/strict';
import { planFixAll } from '../../../src/core/fixes/fixAll';
import { applyTextEdits, applyWorkspaceChange, workspaceChangeOf } from '../../../src/core/fixes/workspaceChange';
import type { Finding, Fix, TextEdit } from '../../../src/core/model';

const at = (line: number, character: number) => ({ line, character });
const edit = (file: string, start: [number, number], end: [number, number], newText: string): TextEdit => ({
  file,
  range: { start: at(...start), end: at(...end) },
  newText,
});
const finding = (ruleId: string, ...fixes: Fix[]): Finding => ({
  ruleId,
  severity: 'error',
  message: ruleId,
  location: { file: '/a/x.ts', range: { start: at(0, 0), end: at(0, 1) } },
  fixes,
});
const tree = (files: Record<string, string>) => new Map(Object.entries(files));

describe('the one fix path (core/fixes)', () => {
  describe('applyTextEdits', () => {
    it('applies edits against the original text, whatever their order', () => {
      const text = 'one\ntwo\nthree\n';
      const edits = [edit('/f', [2, 0], [2, 5], 'THREE'), edit('/f', [0, 0], [0, 3], '1'), edit('/f', [1, 3], [1, 3], '!')];
      assert.equal(applyTextEdits(text, edits), '1\ntwo!\nTHREE\n');
      assert.equal(applyTextEdits(text, [...edits].reverse()), '1\ntwo!\nTHREE\n');
    });

    it('keeps insertions at the same point in their given order', () => {
      assert.equal(applyTextEdits('ab', [edit('/f', [0, 1], [0, 1], 'X'), edit('/f', [0, 1], [0, 1], 'Y')]), 'aXYb');
    });

    it('clamps positions past a line end or the text end, as editors do', () => {
      assert.equal(applyTextEdits('ab\ncd', [edit('/f', [0, 9], [0, 9], '!')]), 'ab!\ncd');
      assert.equal(applyTextEdits('ab\r\ncd', [edit('/f', [0, 9], [0, 9], '!')]), 'ab!\r\ncd');
      assert.equal(applyTextEdits('ab\ncd', [edit('/f', [7, 0], [7, 0], '\nef')]), 'ab\ncd\nef');
    });

    it('rejects overlapping edits and ranges that end before they start', () => {
      assert.throws(() => applyTextEdits('abcdef', [edit('/f', [0, 0], [0, 3], 'x'), edit('/f', [0, 2], [0, 4], 'y')]), /overlapping edits/);
      assert.throws(() => applyTextEdits('abcdef', [edit('/f', [0, 3], [0, 1], 'x')]), /ends before it starts/);
    });
  });

  describe('workspaceChangeOf + applyWorkspaceChange', () => {
    it('orders a fix as created files, edits per file (on the old paths), then renames', () => {
      const fix: Fix = {
        title: 'rename middleware.ts to proxy.ts',
        edits: [edit('/a/middleware.ts', [0, 16], [0, 26], 'proxy'), edit('/a/.env', [0, 0], [0, 0], 'A=1\n')],
        createFiles: [{ file: '/a/.env', content: '' }],
        renameFiles: [{ from: '/a/middleware.ts', to: '/a/proxy.ts' }],
      };
      const change = workspaceChangeOf(fix);
      assert.deepEqual(
        change.changes.map((step) => step.kind),
        ['create', 'edit', 'edit', 'rename'],
      );
      const after = applyWorkspaceChange(tree({ '/a/middleware.ts': 'export function middleware() {}\n' }), change);
      assert.deepEqual(Object.fromEntries(after), { '/a/proxy.ts': 'export function proxy() {}\n', '/a/.env': 'A=1\n' });
    });

    it('leaves an existing file alone when the fix creates it (ignoreIfExists), and does not change its input', () => {
      const files = tree({ '/a/.env.example': 'KEEP=\n' });
      const after = applyWorkspaceChange(files, workspaceChangeOf({ edits: [], createFiles: [{ file: '/a/.env.example', content: 'NEW=\n' }] }));
      assert.equal(after.get('/a/.env.example'), 'KEEP=\n');
      assert.equal(files.size, 1);
    });

    it('fails on an edit or rename of a missing file, a rename onto an existing one, and a delete of a missing one', () => {
      const files = tree({ '/a/x.ts': 'x', '/a/y.ts': 'y' });
      assert.throws(
        () => applyWorkspaceChange(files, workspaceChangeOf({ edits: [edit('/a/missing.ts', [0, 0], [0, 0], 'x')] })),
        /no such file: \/a\/missing\.ts/,
      );
      assert.throws(
        () => applyWorkspaceChange(files, workspaceChangeOf({ edits: [], renameFiles: [{ from: '/a/missing.ts', to: '/a/z.ts' }] })),
        /no such file/,
      );
      assert.throws(
        () => applyWorkspaceChange(files, workspaceChangeOf({ edits: [], renameFiles: [{ from: '/a/x.ts', to: '/a/y.ts' }] })),
        /\/a\/y\.ts exists/,
      );
      assert.throws(() => applyWorkspaceChange(files, { changes: [{ kind: 'delete', file: '/a/missing.ts' }] }), /no such file/);
      assert.deepEqual(Object.fromEntries(applyWorkspaceChange(files, { changes: [{ kind: 'delete', file: '/a/x.ts' }] })), { '/a/y.ts': 'y' });
    });
  });

  describe('planFixAll', () => {
    const insert = (file: string, line: number, newText: string) => edit(file, [line, 0], [line, 0], newText);

    it('takes the first safe fix of each finding and skips unsafe ones and clipboard fixes', () => {
      const plan = planFixAll([
        finding('a', { title: 'unsafe', edits: [insert('/a/x.ts', 1, 'u')] }, { title: 'safe', edits: [insert('/a/x.ts', 2, 's')], safe: true }),
        finding('b', { title: 'clipboard', edits: [], clipboardText: 'npx convex env set X v', safe: true }),
        finding('c', { title: 'unsafe only', edits: [insert('/a/x.ts', 3, 'c')] }),
      ]);
      assert.deepEqual(plan, { edits: [insert('/a/x.ts', 2, 's')], createFiles: [], renameFiles: [], fixCount: 1 });
    });

    it('carries renames (the move and rename fixes), once each, and drops a fix whose rename collides', () => {
      const toProxy = {
        title: 'rename',
        edits: [edit('/a/middleware.ts', [0, 16], [0, 26], 'proxy')],
        renameFiles: [{ from: '/a/middleware.ts', to: '/a/proxy.ts' }],
        safe: true,
      };
      const moveElsewhere = { title: 'move', edits: [], renameFiles: [{ from: '/a/middleware.ts', to: '/a/src/middleware.ts' }], safe: true };
      const createProxy = { title: 'create', edits: [], createFiles: [{ file: '/a/proxy.ts', content: 'x' }], safe: true };
      const plan = planFixAll([finding('a', toProxy), finding('b', toProxy), finding('c', moveElsewhere), finding('d', createProxy)]);
      assert.deepEqual(plan, { edits: toProxy.edits, createFiles: [], renameFiles: toProxy.renameFiles, fixCount: 2 });
      const after = applyWorkspaceChange(tree({ '/a/middleware.ts': 'export function middleware() {}\n' }), workspaceChangeOf(plan));
      assert.deepEqual(Object.fromEntries(after), { '/a/proxy.ts': 'export function proxy() {}\n' });
    });

    it('keeps identical edits and created files once and drops overlapping fixes', () => {
      const addKey = { title: 'add key', edits: [insert('/a/.env.local', 4, 'CLERK_SECRET_KEY=\n')], safe: true };
      const createProxy = { title: 'create', edits: [], createFiles: [{ file: '/a/proxy.ts', content: 'x' }], safe: true };
      const conflicting = { title: 'conflict', edits: [edit('/a/.env.local', [4, 0], [4, 3], 'Z')], safe: true };
      const plan = planFixAll([finding('a', addKey), finding('b', addKey), finding('c', createProxy), finding('d', createProxy), finding('e', conflicting)]);
      assert.deepEqual(plan, { edits: addKey.edits, createFiles: createProxy.createFiles, renameFiles: [], fixCount: 4 });
    });
  });
});
