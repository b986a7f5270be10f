import * as assert from 'node:assert/strict';
import { parse } from 'dotenv';
import { resolveAppEnv, type EnvFile } from '../../../src/core/env/appEnv';
import { parseEnvFile } from '../../../src/core/env/envFile';

const sample = [
  '# comment',
  'export A=1',
  'B = "two words" # trailing',
  "C='single'",
  'D=',
  'E="multi',
  'line"',
  'F: colon',
  '  G=value#hash',
  'not an assignment',
  'A=override',
].join('\n');

describe('env file parsing', () => {
  it('returns the values dotenv.parse returns', () => {
    assert.deepEqual(parseEnvFile(sample).values, parse(sample));
  });

  it('locates each key and value (0-based), including multi-line values and duplicates', () => {
    const { entries } = parseEnvFile(sample);
    assert.deepEqual(entries.map((e) => [e.key, e.line, e.keyRange.start.character]), [
      ['A', 1, 7], ['B', 2, 0], ['C', 3, 0], ['D', 4, 0], ['E', 5, 0], ['F', 7, 0], ['G', 8, 2], ['A', 10, 0],
    ]);
    const b = entries[1];
    assert.deepEqual(b.valueRange, { start: { line: 2, character: 4 }, end: { line: 2, character: 15 } });
    assert.equal(b.quote, '"');
    assert.equal(b.value, 'two words');
    assert.deepEqual(entries[4].valueRange.end, { line: 6, character: 5 });
    assert.equal(entries[6].value, 'value');
    assert.equal(entries[0].value, '1', 'a shadowed duplicate keeps its own value');
    assert.equal(entries[7].value, 'override');
    assert.deepEqual(entries[3].valueRange, { start: { line: 4, character: 2 }, end: { line: 4, character: 2 } });
  });

  it('merges files in Next.js order with dotenv-expand, the first file winning', () => {
    const file = (name: string, text: string): EnvFile => ({ file: `/a/${name}`, name, kind: 'local', parsed: parseEnvFile(text) });
    const env = resolveAppEnv([file('.env.local', 'HOST=local.test\nURL=https://${HOST}/x\n'), file('.env', 'HOST=base.test\nOTHER=${HOST}\n')]);
    assert.equal(env.lookup('URL')?.value, 'https://local.test/x');
    assert.equal(env.lookup('HOST')?.file?.name, '.env.local');
    assert.equal(env.lookup('OTHER')?.value, 'local.test');
    assert.deepEqual(env.definitionsOf('HOST').map((d) => [d.file?.name, d.value]), [['.env.local', 'local.test'], ['.env', 'base.test']]);
    assert.equal(resolveAppEnv([], { CI_ONLY: 'x' }).lookup('CI_ONLY')?.value, 'x');
  });
});
