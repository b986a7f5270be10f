import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { commandShellOf, convexEnvSetCommand, convexEnvSetCommandFor, parseConvexEnvSetCommand } from '../../../src/core/env/convexEnvSet';
import { createMemoryHost } from '../../../src/core/project/fileHost';
import { envConvexDeploymentRule } from '../../../src/core/rules/env-convex-deployment';
import { ToolkitService } from '../../../src/core/service';

/** Values that break out of careless quoting in one shell or the other. */
const hostileValues = [
  "'; touch pwned; echo '",
  '$(touch pwned)',
  '`touch pwned`',
  '$HOME ${PATH} $env:USERPROFILE',
  '"; Remove-Item -Recurse ~; "',
  "it's",
  '\u2019; touch pwned; \u2018',
  'a\nb\r\nc',
  '\\\' \\" \\\\',
  '& | ; < > * ? ! # ~ %PATH% ^',
];

/** What a POSIX shell passes as the value: `npx` stands in as a function printing its 5th argument. */
function posixArgument(shell: 'sh' | 'bash', command: string): string {
  return execFileSync(shell, ['-c', `npx() { printf '%s' "$5"; }\n${command}`], { encoding: 'utf8' });
}

/**
 * The value PowerShell reads from a single-quoted argument, following its tokenizer
 * (ScanStringLiteral): ' ‘ ’ ‚ ‛ are all quotes, two in a row are one literal quote (the second),
 * one alone ends the string. Returns what follows the string too, which must be nothing.
 */
function powerShellArgument(argument: string): { value: string; rest: string } {
  const isQuote = (char: string | undefined): boolean => char !== undefined && "'\u2018\u2019\u201A\u201B".includes(char);
  assert.ok(isQuote(argument[0]), `not single-quoted: ${argument}`);
  let value = '';
  for (let i = 1; i < argument.length; i++) {
    if (isQuote(argument[i])) {
      if (!isQuote(argument[i + 1])) return { value, rest: argument.slice(i + 1) };
      i++;
    }
    value += argument[i];
  }
  assert.fail(`unterminated string: ${argument}`);
}

const argumentOf = (command: string): string => command.slice('npx convex env set KEY '.length);

describe('npx convex env set quoting', () => {
  it('hands hostile values to sh and bash exactly, with nothing run', () => {
    for (const value of hostileValues) {
      const command = convexEnvSetCommand('KEY', value);
      assert.equal(posixArgument('sh', command), value, command);
      assert.equal(posixArgument('bash', command), value, command);
    }
  });

  it('quotes for PowerShell so each hostile value is one literal string', () => {
    for (const value of hostileValues) {
      const command = convexEnvSetCommand('KEY', value, 'powershell');
      assert.deepEqual(powerShellArgument(argumentOf(command)), { value, rest: '' }, command);
    }
    // The POSIX escape would end the string early in PowerShell: the shells really need their own quoting.
    assert.notEqual(powerShellArgument(argumentOf(convexEnvSetCommand('KEY', "it's"))).rest, '');
  });

  it('re-quotes the server-built POSIX command for PowerShell, and leaves other text alone', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), (value) => {
        const posix = convexEnvSetCommand('KEY', value);
        assert.deepEqual(parseConvexEnvSetCommand(posix), { key: 'KEY', value });
        assert.equal(convexEnvSetCommandFor(posix, 'powershell'), convexEnvSetCommand('KEY', value, 'powershell'));
        assert.equal(convexEnvSetCommandFor(posix, 'posix'), posix);
      }),
      { numRuns: 1000 },
    );
    assert.equal(convexEnvSetCommandFor('npx convex env set KEY <value>', 'powershell'), 'npx convex env set KEY <value>');
    for (const other of ['KEY=value', "npx convex env set KEY 'a'b'", 'npx convex env set $(x) y']) {
      assert.equal(parseConvexEnvSetCommand(other), undefined, other);
      assert.equal(convexEnvSetCommandFor(other, 'powershell'), other);
    }
  });

  it('knows PowerShell from the terminal shell path', () => {
    for (const shell of ['C:\\Program Files\\PowerShell\\7\\pwsh.exe', 'C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '/usr/bin/pwsh']) {
      assert.equal(commandShellOf(shell), 'powershell', shell);
    }
    for (const shell of ['/bin/bash', '/bin/zsh', 'C:\\Windows\\System32\\cmd.exe', '']) assert.equal(commandShellOf(shell), 'posix', shell);
  });

  it('puts the placeholder, not the .env.local value, on the clipboard in an untrusted workspace', () => {
    const host = createMemoryHost({
      '/ws/package.json': JSON.stringify({ dependencies: { next: '16.0.3', '@clerk/nextjs': '6.35.0', convex: '1.48.0' } }),
      '/ws/convex/flags.ts': 'export const flag = process.env.NEXT_PUBLIC_FEATURE_FLAG;\n',
      '/ws/.env.local': 'NEXT_PUBLIC_FEATURE_FLAG=value-from-env-local\n',
    });
    const clipboardOf = (trusted: boolean): string | undefined => {
      const toolkit = new ToolkitService({
        folders: [{ root: '/ws', settings: {} }],
        host,
        trusted,
        commands: { copyFixText: 'copy', disableRule: 'disable', copyConvexEnvSet: 'copyEnvSet' },
        rules: [envConvexDeploymentRule],
      });
      const finding = toolkit.findingsOf('/ws/convex/flags.ts').find((candidate) => candidate.ruleId === envConvexDeploymentRule.id);
      assert.ok(finding, 'expected the env-convex-deployment finding');
      const copy = toolkit.codeActions('/ws/convex/flags.ts', finding.location.range).find((action) => action.command?.id === 'copy');
      return toolkit.fixClipboardText(copy!.command!.arguments[0] as string);
    };
    assert.equal(clipboardOf(true), "npx convex env set NEXT_PUBLIC_FEATURE_FLAG 'value-from-env-local'");
    assert.equal(clipboardOf(false), 'npx convex env set NEXT_PUBLIC_FEATURE_FLAG <value>');
  });
});
