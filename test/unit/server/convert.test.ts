import * as assert from 'node:assert/strict';
import { toDiagnostic, toWorkspaceEdit } from '../../../src/server/convert';

const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });

describe('server: core → LSP', () => {
  it('turns a workspace change into documentChanges in order: create with content, edits (versioned when open), rename, delete', () => {
    const edit = toWorkspaceEdit(
      {
        changes: [
          { kind: 'create', file: '/ws/proxy.ts', content: 'export default 1;\n' },
          { kind: 'create', file: '/ws/.env.example', content: 'X=\n' },
          { kind: 'edit', file: '/ws/open.ts', edits: [{ range: at(1, 0), newText: 'a' }] },
          { kind: 'edit', file: '/ws/closed.ts', edits: [{ range: at(2, 0), newText: 'b' }] },
          { kind: 'rename', from: '/ws/middleware.ts', to: '/ws/src/middleware.ts' },
          { kind: 'delete', file: '/ws/old.ts' },
        ],
      },
      { versionOf: (file) => (file === '/ws/open.ts' ? 7 : undefined), exists: (file) => file === '/ws/.env.example' },
    );
    assert.deepEqual(edit.documentChanges, [
      { kind: 'create', uri: 'file:///ws/proxy.ts', options: { ignoreIfExists: true } },
      { textDocument: { uri: 'file:///ws/proxy.ts', version: null }, edits: [{ range: at(0, 0), newText: 'export default 1;\n' }] },
      // An existing file is left as it is: no create, and no content inserted into it.
      { textDocument: { uri: 'file:///ws/open.ts', version: 7 }, edits: [{ range: at(1, 0), newText: 'a' }] },
      { textDocument: { uri: 'file:///ws/closed.ts', version: null }, edits: [{ range: at(2, 0), newText: 'b' }] },
      { kind: 'rename', oldUri: 'file:///ws/middleware.ts', newUri: 'file:///ws/src/middleware.ts', options: { overwrite: false } },
      { kind: 'delete', uri: 'file:///ws/old.ts' },
    ]);
  });

  it('gives a diagnostic the rule id, its docs link, related locations as URIs and the deprecated tag', () => {
    const diagnostic = toDiagnostic({
      ruleId: 'middleware-file-convention',
      severity: 'info',
      location: { file: '/ws/middleware.ts', range: at(2, 0) },
      message: 'Rename it',
      related: [{ location: { file: '/ws/proxy.ts', range: at(0, 0) }, message: 'The proxy file' }],
      deprecated: true,
    });
    assert.deepEqual(diagnostic, {
      range: at(2, 0),
      severity: 3,
      source: 'Clerk Auth Toolkit',
      code: 'middleware-file-convention',
      codeDescription: { href: 'https://github.com/clerk-auth-toolkit/clerk-auth-toolkit/blob/main/docs/rules/middleware-file-convention.md' },
      message: 'Rename it',
      relatedInformation: [{ location: { uri: 'file:///ws/proxy.ts', range: at(0, 0) }, message: 'The proxy file' }],
      tags: [2],
    });
  });
});
