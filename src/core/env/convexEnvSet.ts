/**
 * `npx convex env set KEY value`, quoted for the shell it is pasted into. The language server builds
 * it for a POSIX shell (it does not know the terminal); the VS Code extension re-quotes it when the
 * terminal is PowerShell, the Windows default. Kept free of the TypeScript compiler so the
 * extension can import it.
 */

export type CommandShell = 'posix' | 'powershell';

const prefix = 'npx convex env set ';
const placeholder = '<value>';

/** POSIX single quotes: nothing inside is special; a `'` closes, is escaped, and reopens. */
function posixQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * PowerShell single quotes: nothing inside is special (`$`, backtick, `;` stay literal) except the
 * quote itself, and PowerShell counts the typographic quotes ‘ ’ ‚ ‛ as quotes too. Each is doubled,
 * which its tokenizer reads as one literal quote.
 */
function powerShellQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (quote) => quote + quote)}'`;
}

/**
 * `npx convex env set KEY 'value'`, or with a `<value>` placeholder when there is no value. The
 * result may hold a secret: it goes to the clipboard only, never into a title, message or log.
 */
export function convexEnvSetCommand(key: string, value: string | undefined, shell: CommandShell = 'posix'): string {
  if (!value) return `${prefix}${key} ${placeholder}`;
  return `${prefix}${key} ${shell === 'powershell' ? powerShellQuote(value) : posixQuote(value)}`;
}

/** The key and value (undefined: the placeholder) of a command `convexEnvSetCommand` built for a POSIX shell; undefined for any other text. */
export function parseConvexEnvSetCommand(text: string): { key: string; value: string | undefined } | undefined {
  if (!text.startsWith(prefix)) return undefined;
  const rest = text.slice(prefix.length);
  const space = rest.indexOf(' ');
  const key = rest.slice(0, space);
  if (space < 0 || !/^[A-Za-z_]\w*$/.test(key)) return undefined;
  const quoted = rest.slice(space + 1);
  if (quoted === placeholder) return { key, value: undefined };
  const value = quoted.slice(1, -1).split(`'\\''`).join("'");
  // Exactly what convexEnvSetCommand would build, or not ours.
  return quoted.length >= 2 && posixQuote(value) === quoted ? { key, value } : undefined;
}

/** A POSIX `npx convex env set` command quoted for `shell` instead; any other text as it is. */
export function convexEnvSetCommandFor(text: string, shell: CommandShell): string {
  const command = shell === 'posix' ? undefined : parseConvexEnvSetCommand(text);
  return command ? convexEnvSetCommand(command.key, command.value, shell) : text;
}

/** The quoting a terminal shell (VS Code's `env.shell`, a path) needs: PowerShell's for pwsh/powershell, POSIX otherwise. */
export function commandShellOf(shellPath: string): CommandShell {
  const name = shellPath.split(/[\\/]/).pop() ?? '';
  return /^(pwsh|powershell)(-preview)?(\.exe)?$/i.test(name) ? 'powershell' : 'posix';
}
