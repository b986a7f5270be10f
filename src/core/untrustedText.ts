/**
 * Text from outside (API answers, webhook payloads, a web server's reply) shown where VS Code
 * interprets syntax: notifications turn `[label](command:…)` into a clickable link, Markdown
 * tooltips render links, HTML and code fences. `untrustedText` makes such text inert and keeps it
 * readable: the characters that build links, tags and fences are swapped for look-alikes, control
 * and bidi characters are dropped, and the text is one line of at most `maxChars`.
 *
 * It neutralises markup only; secrets are `redactSecrets`' job (call it first).
 */

/** Look-alikes for the characters every link, tag, autolink and code fence needs. */
const lookAlikes: Readonly<Record<string, string>> = {
  '[': '\uFF3B', // ［
  ']': '\uFF3D', // ］
  '<': '\u2039', // ‹
  '>': '\u203A', // ›
  '`': '\u02CB', // ˋ
};

/** C0/C1 controls (terminal escapes included), zero-width and bidi-override characters that reorder or hide text. */
const invisible = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** A default that fits a notification or a tree item's description. */
export const defaultMaxChars = 300;

/** `text` as one inert line: no link, HTML, autolink or code-fence syntax, no control characters, cut at `maxChars` with `…`. */
export function untrustedText(text: string, maxChars = defaultMaxChars): string {
  const line = text
    .replace(invisible, '')
    .replace(/[[\]<>`]/g, (char) => lookAlikes[char])
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > maxChars ? `${line.slice(0, Math.max(0, maxChars - 1)).trimEnd()}…` : line;
}
