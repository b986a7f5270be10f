import * as assert from 'node:assert/strict';
import { pathToUri, uriToPath } from '../../src/core/uris';

// Engine paths are '/'-separated on every platform and keep Node's upper-case drive letter; URIs are
// vscode-uri's canonical form (lower-case drive, ':' as %3A), the one VS Code sends.
describe('uris: engine path <-> file URI', () => {
  const pairs: Array<[path: string, uri: string]> = [
    ['C:/Users/a b/x.ts', 'file:///c%3A/Users/a%20b/x.ts'],
    ['D:/', 'file:///d%3A/'],
    ['/home/a b/app/page.tsx', 'file:///home/a%20b/app/page.tsx'],
    ['/home/josé/应用/.env.local', 'file:///home/jos%C3%A9/%E5%BA%94%E7%94%A8/.env.local'],
    ['/srv/#1 100%/what?.ts', 'file:///srv/%231%20100%25/what%3F.ts'],
    ['//server/share/app/.env', 'file://server/share/app/.env'],
  ];

  for (const [path, uri] of pairs) {
    it(`${path} <-> ${uri}`, () => {
      assert.equal(pathToUri(path), uri);
      assert.equal(uriToPath(uri), path);
      assert.equal(uriToPath(pathToUri(path)), path);
      assert.equal(pathToUri(uriToPath(uri)!), uri);
    });
  }

  it('maps every spelling of a drive letter to the one engine path', () => {
    for (const uri of ['file:///c%3A/Users/x.ts', 'file:///C%3A/Users/x.ts', 'file:///c:/Users/x.ts', 'file:///C:/Users/x.ts']) {
      assert.equal(uriToPath(uri), 'C:/Users/x.ts', uri);
    }
    assert.equal(pathToUri('c:/Users/x.ts'), pathToUri('C:/Users/x.ts'));
  });

  it('accepts non-ASCII names sent without percent-encoding', () => {
    assert.equal(uriToPath('file:///home/josé/应用/.env.local'), '/home/josé/应用/.env.local');
  });

  it('keeps a backslash in a POSIX file name instead of treating it as a separator', () => {
    // vscode-uri's fsPath would turn it into '\' or '/' depending on the platform the server runs on.
    assert.equal(pathToUri('/tmp/a\\b.ts'), 'file:///tmp/a%5Cb.ts');
    assert.equal(uriToPath('file:///tmp/a%5Cb.ts'), '/tmp/a\\b.ts');
  });

  it('returns undefined for URIs that are not files', () => {
    for (const uri of ['untitled:Untitled-1', 'vscode-remote://ssh-remote+box/home/x.ts', 'https://example.com/x.ts', 'git:/home/x.ts?%7B%7D']) {
      assert.equal(uriToPath(uri), undefined, uri);
    }
  });
});
