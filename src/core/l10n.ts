import * as l10n from '@vscode/l10n';

/**
 * Each bundle in dist/ carries its own copy of @vscode/l10n, so the extension hands VS Code's
 * translation bundle to every lazily loaded chunk; the CLI and unit tests keep the English source.
 */
export function configureL10n(contents: l10n.l10nJsonFormat | undefined): void {
  if (contents) l10n.config({ contents });
}
