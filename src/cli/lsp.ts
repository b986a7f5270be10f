import * as l10n from '@vscode/l10n';
import { printUsageError, usage } from './usage';

/** `clerk-toolkit lsp --stdio`: the language server for editors other than VS Code. */
export async function runLsp(args: string[]): Promise<number | undefined> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(usage());
    return 0;
  }
  if (!args.includes('--stdio') && !args.includes('--node-ipc') && !args.some((arg) => arg.startsWith('--socket=') || arg.startsWith('--pipe='))) {
    return printUsageError(l10n.t('clerk-toolkit lsp: choose a transport.'), 'lsp');
  }
  (await import('../server/analysisWorkerHost')).prestartAnalysisWorker();
  // The connection reads the transport from process.argv and ends the process on `exit`.
  (await import('../server/server')).startServer();
  return undefined;
}
