import * as assert from 'node:assert/strict';
import { FileFactCache, type FileFact } from '../../../src/core/parse/fileFacts';

/** `FileFactCache.filesWith`: the files of a list whose fact holds, kept across analyses and updated from the changed files alone. */
describe('engine: kept joins of a per-file fact over a file list', () => {
  const mentionsToken: FileFact<boolean> = { compute: (text) => text.includes('token') };
  const listsTokens: FileFact<string[]> = { compute: (text) => text.split(/\s+/).filter((word) => word.startsWith('token')) };

  function setUp(texts: Record<string, string>) {
    const cache = new FileFactCache();
    const current = new Map(Object.entries(texts));
    const looked: string[] = [];
    const valueOf =
      <T>(fact: FileFact<T>) =>
      (file: string) => {
        looked.push(file);
        return cache.get(
          fact,
          file,
          () => current.get(file),
          () => undefined,
        );
      };
    const edit = (file: string, text: string) => {
      current.set(file, text);
      cache.delete(file);
    };
    return { cache, valueOf, edit, looked };
  }

  it('follows edits that add and remove the fact, in list order, looking at the changed files only', () => {
    const { cache, valueOf, edit, looked } = setUp({ '/a': 'token', '/b': 'none', '/c': 'none', '/d': 'token' });
    const files = ['/a', '/b', '/c', '/d'];
    assert.deepEqual(cache.filesWith(mentionsToken, files, valueOf(mentionsToken)), ['/a', '/d']);
    looked.length = 0;
    assert.deepEqual(cache.filesWith(mentionsToken, files, valueOf(mentionsToken)), ['/a', '/d']);
    assert.deepEqual(looked, [], 'nothing changed: nothing looked up');
    edit('/c', 'a token now');
    edit('/a', 'gone');
    edit('/elsewhere', 'token');
    assert.deepEqual(cache.filesWith(mentionsToken, files, valueOf(mentionsToken)), ['/c', '/d']);
    assert.deepEqual(looked, ['/c', '/a'], 'only the changed files of the list');
  });

  it('an empty list of values does not hold; each fact and each list has its own join', () => {
    const { cache, valueOf, edit } = setUp({ '/a': 'token1 token2', '/b': 'nothing', '/c': 'token3' });
    assert.deepEqual(cache.filesWith(listsTokens, ['/a', '/b', '/c'], valueOf(listsTokens)), ['/a', '/c']);
    assert.deepEqual(cache.filesWith(listsTokens, ['/b', '/c'], valueOf(listsTokens)), ['/c']);
    edit('/c', 'tokenless? no: token4');
    edit('/a', 'no more');
    assert.deepEqual(cache.filesWith(listsTokens, ['/a', '/b', '/c'], valueOf(listsTokens)), ['/c']);
    assert.deepEqual(cache.filesWith(mentionsToken, ['/a', '/b', '/c'], valueOf(mentionsToken)), ['/c']);
  });

  it('starts over after more changes than it keeps, and is still right', () => {
    const { cache, valueOf, edit, looked } = setUp({ '/a': 'none', '/b': 'token' });
    const files = ['/a', '/b'];
    assert.deepEqual(cache.filesWith(mentionsToken, files, valueOf(mentionsToken)), ['/b']);
    edit('/a', 'token');
    for (let i = 0; i < 12_000; i++) edit(`/other/${i}`, 'x');
    looked.length = 0;
    assert.deepEqual(cache.filesWith(mentionsToken, files, valueOf(mentionsToken)), ['/a', '/b']);
    assert.deepEqual(looked, ['/a', '/b'], 'joined afresh');
  });
});
