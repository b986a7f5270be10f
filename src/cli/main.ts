// Entry of the `clerk-toolkit` command. Subcommands live in their own modules and are loaded on use.
import * as l10n from '@vscode/l10n';
import { limitHeapGrowth } from '../server/heapGrowth';
import { safeMessage } from './terminalText';
import { exitCodes, printUsageError, usage } from './usage';
import { toolVersion } from './version';

/** The exit code, or undefined for a command that keeps running (the language server ends the process itself). */
async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return (await import('./check')).runCheck(rest);
    case 'webhooks':
      return (await import('./webhooks')).runWebhooks(rest);
    case 'lsp':
      return (await import('./lsp')).runLsp(rest);
    case undefined:
      // No command is a mistake: the usage goes to stderr, where scripts look for failures.
      process.stderr.write(usage());
      return exitCodes.usage;
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(usage());
      return exitCodes.ok;
    case '-v':
    case '--version':
      process.stdout.write(`${toolVersion() ?? l10n.t('unknown')}\n`);
      return exitCodes.ok;
    default:
      return printUsageError(l10n.t('Unknown command "{0}".', safeMessage(command, [])));
  }
}

limitHeapGrowth();
main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    const message = safeMessage(error instanceof Error ? error.message : String(error), [process.env.CLERK_SECRET_KEY]);
    process.stderr.write(l10n.t('clerk-toolkit: internal error: {0}', message) + '\n');
    process.exitCode = exitCodes.usage;
  },
);
