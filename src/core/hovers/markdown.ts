import { pathToUri } from '../uris';

// Hover text is Markdown rendered by the editor, and most of what it names comes from the
// workspace's files (env keys, file names, template names, `aud` values). Each such piece goes
// through `escapeMarkdown`, so a file cannot add links, `command:` links, HTML or formatting.

/**
 * Text shown literally in Markdown: every ASCII punctuation character is backslash-escaped (which
 * CommonMark allows for all of them), so nothing in it opens a link, an image, HTML, an autolink
 * (`https\:\/\/…`), a code span or emphasis; line breaks become spaces so it cannot start a block.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(/[!-/:-@[-`{-~]/g, (char) => `\\${char}`);
}

/** `[label](file:///…#L12)`; the default label is the path relative to the workspace folder holding it, with its line. */
export function fileLink(file: string, line: number, roots: readonly string[], label?: string): string {
  const text = label ?? `${relativeLabel(file, roots)}:${line + 1}`;
  return `[${escapeMarkdown(text)}](${pathToUri(file)}#L${line + 1})`;
}

/** The path below the innermost workspace folder holding it (with a multi-root workspace, that folder's name first). */
export function relativeLabel(file: string, roots: readonly string[]): string {
  const root = roots.filter((candidate) => file.startsWith(`${candidate}/`)).sort((a, b) => b.length - a.length)[0];
  if (!root) return file;
  const relative = file.slice(root.length + 1);
  return roots.length > 1 ? `${root.slice(root.lastIndexOf('/') + 1)}/${relative}` : relative;
}

/**
 * `[label](command:id?args)`: the label is Markdown the caller built (escaped), the arguments JSON
 * percent-encoded, including the `(`, `)`, `'`, `!`, `*` that `encodeURIComponent` leaves as they are.
 */
export function commandLink(label: string, command: string, args: unknown[]): string {
  const encoded = encodeURIComponent(JSON.stringify(args)).replace(/[()'!*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${label}](command:${command}?${encoded})`;
}
