// Untrusted text (file names, API answers, the app's reply to a test event) on its way to a terminal:
// control characters would let it move the cursor, rewrite earlier lines, set the window title or
// hide text (bidirectional overrides), so each is shown as a visible escape instead.
import { redactSecrets } from '../core/redaction';

// C0 and C1 controls, DEL, and the bidirectional embedding/override/isolate marks.
const unsafe = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const unsafeButLineBreaks = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

// What `JSON.stringify` leaves raw: DEL, C1 controls and the bidirectional marks.
const unsafeInJson = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const visible = (char: string): string => {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** One line of text: every control character (line breaks and tabs too) shown as `\xNN` / `\uNNNN`. */
export function terminalSafe(text: string): string {
  return text.replace(unsafe, visible);
}

/** A multi-line body: line breaks and tabs kept, every other control character shown as `\xNN` / `\uNNNN`. */
export function terminalSafeBlock(text: string): string {
  return text.replace(unsafeButLineBreaks, visible);
}

/**
 * JSON for stdout: `JSON.stringify` escapes C0 controls but leaves C1 controls and bidirectional marks
 * raw; these become `\uNNNN` escapes, which parse back to the same value.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(unsafeInJson, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An error message for stderr: secrets removed, first line only, controls escaped. */
export function safeMessage(message: string, knownSecrets: readonly (string | undefined)[]): string {
  return terminalSafe(redactSecrets(message, knownSecrets).split('\n')[0]);
}
