import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/paths';
import { compareTranslations } from './translationDiff';

function readJson(relativePath: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, relativePath), 'utf8')) as Record<string, string>;
}

describe('translation check', () => {
  const english = { 'Send {0} to {1}?': 'Send {0} to {1}?', 'Run `npx convex dev`.': 'Run `npx convex dev`.', welcome: '[Set Key](command:a.setKey)' };
  const complete = { 'Send {0} to {1}?': '要将 {0} 发送到 {1} 吗？', 'Run `npx convex dev`.': '请运行 `npx convex dev`。', welcome: '[设置密钥](command:a.setKey)' };

  it('accepts a complete translation', () => {
    assert.deepEqual(compareTranslations(english, complete), []);
  });

  it('reports missing and extra keys', () => {
    const { welcome: _dropped, ...incomplete } = complete;
    assert.deepEqual(
      compareTranslations(english, { ...incomplete, 'Old string': '旧字符串' }).map(({ key, problem }) => [key, problem]),
      [
        ['welcome', 'missing'],
        ['Old string', 'extra'],
      ],
    );
  });

  it('reports a dropped or renumbered placeholder', () => {
    const problems = compareTranslations(english, { ...complete, 'Send {0} to {1}?': '要将 {0} 发送到 {2} 吗？' });
    assert.deepEqual(problems, [{ key: 'Send {0} to {1}?', problem: 'placeholders differ', english: ['{0}', '{1}'], translated: ['{0}', '{2}'] }]);
  });

  it('reports English left in place, but not product names', () => {
    const problems = compareTranslations(
      { ...english, 'Clerk v{0}': 'Clerk v{0}', '{0}: {1}': '{0}: {1}' },
      { ...complete, 'Send {0} to {1}?': 'Send {0} to {1}?', 'Clerk v{0}': 'Clerk v{0}', '{0}: {1}': '{0}: {1}' },
      new Set(['Clerk v{0}']),
    );
    assert.deepEqual(problems, [{ key: 'Send {0} to {1}?', problem: 'untranslated' }]);
  });

  it('reports translated code inside backticks and a changed command link', () => {
    const problems = compareTranslations(english, { ...complete, 'Run `npx convex dev`.': '请运行 `npx convex 开发`。', welcome: '[设置密钥](command:a.setkey)' });
    assert.deepEqual(
      problems.map(({ key, problem }) => [key, problem]),
      [
        ['Run `npx convex dev`.', 'code spans differ'],
        ['welcome', 'link targets differ'],
      ],
    );
  });
});

describe('Simplified Chinese (zh-cn)', () => {
  // VS Code looks these up by the display language id, lower case: package.nls.zh-cn.json next to
  // package.json and bundle.l10n.zh-cn.json in the folder package.json's "l10n" names.
  // Names and labels that read the same in Chinese; anything else left in English is untranslated.
  const keptAsIs = new Set([
    'Clerk',
    'Convex',
    'Clerk Auth Toolkit',
    'Clerk Auth Toolkit (Next.js + Convex)',
    'Clerk Auth Toolkit: {0}',
    'Clerk v{0}',
    'Next {0}',
    'Next.js: {0}',
    'Convex: {0}',
    '@clerk/nextjs: {0}',
    'clerk-toolkit: {0}',
    'ClerkProvider',
    'ConvexProviderWithClerk',
    'Webhook URL',
  ]);
  const manifest = readJson('package.json') as unknown as { l10n: string };
  const pairs = [
    ['package.nls.json', 'package.nls.zh-cn.json'],
    [path.join(manifest.l10n, 'bundle.l10n.json'), path.join(manifest.l10n, 'bundle.l10n.zh-cn.json')],
  ];

  for (const [englishFile, chineseFile] of pairs) {
    it(`${chineseFile} translates every string of ${englishFile}, keeping placeholders, code spans and links`, () => {
      const english = readJson(englishFile);
      assert.ok(Object.keys(english).length > 40, `${englishFile} looks empty`);
      assert.deepEqual(compareTranslations(english, readJson(chineseFile), keptAsIs), []);
    });
  }
});
