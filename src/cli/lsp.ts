import * as l10n from '@vscode/l10n';

const usage = (): string =>
  l10n.t(
    'Usage: clerk-toolkit lsp --stdio|--node-ipc\n  Runs the Clerk Auth Toolkit language server; an editor starts it and talks LSP over stdin/stdout (or Node IPC).\n',
  );

/** `clerk-toolkit lsp --stdio`: the language server for editors other than VS Code. */
export async function runLsp(args: string[]): Promise<number | undefined> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(usage());
    return 0;
  }
  if (!args.includes('--stdio') && !args.includes('--node-ipc') && !args.some((arg) => arg.startsWith('--socket=') || arg.startsWith('--pipe='))) {
    process.stderr.write(l10n.t('clerk-toolkit lsp: choose a transport.') + '\n' + usage());
    return 2;
  }
  // The connection reads the transport from process.argv and ends the process on `exit`.
  (await import('../server/server')).startServer();
  return undefined;
}
