import { parse, type ParseError } from 'jsonc-parser';
import type { CodeStyle } from './adapt';

/** Prettier config files written as JSON, nearest first within a folder (Prettier's search order). */
export const prettierJsonFiles = ['package.json', '.prettierrc', '.prettierrc.json', '.prettierrc.json5'];

/**
 * The semicolons and quotes a Prettier config asks for (Prettier's defaults for keys it leaves
 * out), or undefined when `text` is not a Prettier config: package.json without a `prettier`
 * object, or a `.prettierrc` in YAML, which then falls back to the open file's style.
 */
export function prettierStyle(fileName: string, text: string): CodeStyle | undefined {
  const errors: ParseError[] = [];
  const parsed: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || typeof parsed !== 'object' || parsed === null) return undefined;
  const config = fileName === 'package.json' ? (parsed as { prettier?: unknown }).prettier : parsed;
  if (typeof config !== 'object' || config === null) return undefined;
  const { semi, singleQuote } = config as { semi?: unknown; singleQuote?: unknown };
  return { semicolons: semi !== false, quote: singleQuote === true ? 'single' : 'double' };
}
