/**
 * A parser and expander for VS Code's snippet syntax (the grammar in the "Snippet syntax" section of
 * VS Code's snippet docs). It follows the editor's own recursive-descent parser token for token,
 * including its fallbacks: a construct that does not parse is inserted as plain text, which is
 * exactly how a stray `${` in a template literal ends up in a user's file.
 *
 * Grammar:
 *   any         ::= tabstop | placeholder | choice | variable | text
 *   tabstop     ::= '$' int | '${' int '}' | '${' int transform '}'
 *   placeholder ::= '${' int ':' any '}'
 *   choice      ::= '${' int '|' text (',' text)* '|}'
 *   variable    ::= '$' var | '${' var '}' | '${' var ':' any '}' | '${' var transform '}'
 *   transform   ::= '/' regex '/' (format | text)+ '/' options
 *   format      ::= '$' int | '${' int '}' | '${' int ':' '/upcase' | '/downcase' | '/capitalize'
 *                   | '/camelcase' | '/pascalcase' '}' | '${' int ':+' if '}'
 *                   | '${' int ':?' if ':' else '}' | '${' int ':-' else '}' | '${' int ':' else '}'
 */

enum TokenType {
  Dollar,
  Colon,
  Comma,
  CurlyOpen,
  CurlyClose,
  Backslash,
  Forwardslash,
  Pipe,
  Int,
  VariableName,
  Format,
  Plus,
  Dash,
  QuestionMark,
  EOF,
}

interface Token {
  type: TokenType;
  pos: number;
  len: number;
}

const singleCharTokens: Record<string, TokenType> = {
  $: TokenType.Dollar,
  ':': TokenType.Colon,
  ',': TokenType.Comma,
  '{': TokenType.CurlyOpen,
  '}': TokenType.CurlyClose,
  '\\': TokenType.Backslash,
  '/': TokenType.Forwardslash,
  '|': TokenType.Pipe,
  '+': TokenType.Plus,
  '-': TokenType.Dash,
  '?': TokenType.QuestionMark,
};

const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';
const isVariableStart = (ch: string): boolean => ch === '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');

class Scanner {
  private pos = 0;
  constructor(readonly value: string) {}

  tokenText(token: Token): string {
    return this.value.substr(token.pos, token.len);
  }

  next(): Token {
    const { value } = this;
    const pos = this.pos;
    if (pos >= value.length) return { type: TokenType.EOF, pos, len: 0 };
    const ch = value[pos];
    const single = singleCharTokens[ch];
    if (single !== undefined) {
      this.pos += 1;
      return { type: single, pos, len: 1 };
    }
    let end = pos + 1;
    let type: TokenType;
    if (isDigit(ch)) {
      type = TokenType.Int;
      while (end < value.length && isDigit(value[end])) end++;
    } else if (isVariableStart(ch)) {
      type = TokenType.VariableName;
      while (end < value.length && (isVariableStart(value[end]) || isDigit(value[end]))) end++;
    } else {
      // Everything else runs together as plain text up to the next character with a meaning.
      type = TokenType.Format;
      while (end < value.length && singleCharTokens[value[end]] === undefined && !isDigit(value[end]) && !isVariableStart(value[end])) {
        end++;
      }
    }
    this.pos = end;
    return { type, pos, len: end - pos };
  }

  reset(pos: number): void {
    this.pos = pos;
  }
}

export type CaseShorthand = 'upcase' | 'downcase' | 'capitalize' | 'camelcase' | 'pascalcase';

/** One piece of a transform's format string: a capture-group reference or literal text. */
export type FormatPart = { kind: 'text'; value: string } | { kind: 'group'; index: number; shorthand?: string; ifValue?: string; elseValue?: string };

export interface Transform {
  regexp: RegExp;
  format: FormatPart[];
}

export type SnippetNode =
  | { kind: 'text'; value: string }
  /** A tab stop (`$1`, `${1}`), placeholder (`${1:default}`) or choice (`${1|a,b|}`). */
  | { kind: 'tabstop'; index: number; children: SnippetNode[]; choices?: string[]; transform?: Transform }
  | { kind: 'variable'; name: string; children: SnippetNode[]; hasDefault: boolean; transform?: Transform };

class Parser {
  private scanner: Scanner;
  private token: Token;

  constructor(source: string) {
    this.scanner = new Scanner(source);
    this.token = this.scanner.next();
  }

  parseAll(): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    while (this.parseAny(nodes));
    return mergeText(nodes);
  }

  /** Consumes the current token when it has `type` (any type when undefined); returns its text. */
  private accept(type?: TokenType): string | undefined {
    if (type === undefined || this.token.type === type) {
      const text = this.scanner.tokenText(this.token);
      this.token = this.scanner.next();
      return text;
    }
    return undefined;
  }

  private backTo(token: Token): false {
    this.scanner.reset(token.pos + token.len);
    this.token = token;
    return false;
  }

  private parseAny(into: SnippetNode[]): boolean {
    return (
      this.parseEscaped(into) ||
      this.parseTabstopOrVariableName(into) ||
      this.parseComplexPlaceholder(into) ||
      this.parseComplexVariable(into) ||
      this.parseAnything(into)
    );
  }

  private parseEscaped(into: SnippetNode[]): boolean {
    const backslash = this.accept(TokenType.Backslash);
    if (backslash === undefined) return false;
    const escaped = this.accept(TokenType.Dollar) ?? this.accept(TokenType.CurlyClose) ?? this.accept(TokenType.Backslash) ?? backslash;
    into.push({ kind: 'text', value: escaped });
    return true;
  }

  private parseTabstopOrVariableName(into: SnippetNode[]): boolean {
    const start = this.token;
    if (this.accept(TokenType.Dollar) === undefined) return false;
    const name = this.accept(TokenType.VariableName);
    if (name !== undefined) {
      into.push({ kind: 'variable', name, children: [], hasDefault: false });
      return true;
    }
    const index = this.accept(TokenType.Int);
    if (index !== undefined) {
      into.push({ kind: 'tabstop', index: Number(index), children: [] });
      return true;
    }
    return this.backTo(start);
  }

  private parseComplexPlaceholder(into: SnippetNode[]): boolean {
    const start = this.token;
    const index = this.accept(TokenType.Dollar) !== undefined && this.accept(TokenType.CurlyOpen) !== undefined ? this.accept(TokenType.Int) : undefined;
    if (index === undefined) return this.backTo(start);
    const tabstop: SnippetNode & { kind: 'tabstop' } = { kind: 'tabstop', index: Number(index), children: [] };

    if (this.accept(TokenType.Colon) !== undefined) {
      return this.parseChildrenUntilClose(into, tabstop, `\${${index}:`);
    }
    if (tabstop.index > 0 && this.accept(TokenType.Pipe) !== undefined) {
      const choices: string[] = [];
      for (;;) {
        const choice = this.parseChoiceElement();
        if (choice === undefined) break;
        choices.push(choice);
        if (this.accept(TokenType.Comma) !== undefined) continue;
        if (this.accept(TokenType.Pipe) !== undefined && this.accept(TokenType.CurlyClose) !== undefined) {
          tabstop.choices = choices;
          into.push(tabstop);
          return true;
        }
        break;
      }
      return this.backTo(start);
    }
    if (this.accept(TokenType.Forwardslash) !== undefined) {
      const transform = this.parseTransform();
      if (transform === undefined) return this.backTo(start);
      tabstop.transform = transform;
      into.push(tabstop);
      return true;
    }
    if (this.accept(TokenType.CurlyClose) !== undefined) {
      into.push(tabstop);
      return true;
    }
    return this.backTo(start);
  }

  /**
   * Parses `<children>}` of a placeholder or variable default. Like the editor, an unterminated one
   * degrades to its opening text followed by the children parsed so far.
   */
  private parseChildrenUntilClose(into: SnippetNode[], node: SnippetNode & { children: SnippetNode[] }, opening: string): true {
    for (;;) {
      if (this.accept(TokenType.CurlyClose) !== undefined) {
        node.children = mergeText(node.children);
        into.push(node);
        return true;
      }
      if (this.parseAny(node.children)) continue;
      into.push({ kind: 'text', value: opening }, ...node.children);
      return true;
    }
  }

  private parseChoiceElement(): string | undefined {
    const start = this.token;
    let value = '';
    while (this.token.type !== TokenType.Comma && this.token.type !== TokenType.Pipe) {
      if (this.token.type === TokenType.EOF) {
        this.backTo(start);
        return undefined;
      }
      const backslash = this.accept(TokenType.Backslash);
      value +=
        backslash === undefined
          ? this.accept()
          : (this.accept(TokenType.Comma) ?? this.accept(TokenType.Pipe) ?? this.accept(TokenType.Backslash) ?? backslash);
    }
    if (value === '') {
      this.backTo(start);
      return undefined;
    }
    return value;
  }

  private parseComplexVariable(into: SnippetNode[]): boolean {
    const start = this.token;
    const name =
      this.accept(TokenType.Dollar) !== undefined && this.accept(TokenType.CurlyOpen) !== undefined ? this.accept(TokenType.VariableName) : undefined;
    if (name === undefined) return this.backTo(start);
    const variable: SnippetNode & { kind: 'variable' } = { kind: 'variable', name, children: [], hasDefault: false };

    if (this.accept(TokenType.Colon) !== undefined) {
      variable.hasDefault = true;
      return this.parseChildrenUntilClose(into, variable, `\${${name}:`);
    }
    if (this.accept(TokenType.Forwardslash) !== undefined) {
      const transform = this.parseTransform();
      if (transform === undefined) return this.backTo(start);
      variable.transform = transform;
      into.push(variable);
      return true;
    }
    if (this.accept(TokenType.CurlyClose) !== undefined) {
      into.push(variable);
      return true;
    }
    return this.backTo(start);
  }

  /** Parses `regex/format/options}` (the leading `/` is already consumed). */
  private parseTransform(): Transform | undefined {
    let regex = '';
    for (;;) {
      if (this.accept(TokenType.Forwardslash) !== undefined) break;
      const backslash = this.accept(TokenType.Backslash);
      if (backslash !== undefined) {
        regex += this.accept(TokenType.Forwardslash) ?? backslash;
        continue;
      }
      if (this.token.type === TokenType.EOF) return undefined;
      regex += this.accept();
    }

    const format: FormatPart[] = [];
    for (;;) {
      if (this.accept(TokenType.Forwardslash) !== undefined) break;
      const backslash = this.accept(TokenType.Backslash);
      if (backslash !== undefined) {
        format.push({
          kind: 'text',
          value: this.accept(TokenType.Backslash) ?? this.accept(TokenType.Forwardslash) ?? backslash,
        });
        continue;
      }
      const group = this.parseFormatGroup();
      if (group !== undefined) {
        format.push(group);
        continue;
      }
      if (this.token.type === TokenType.EOF) return undefined;
      format.push({ kind: 'text', value: this.accept() ?? '' });
    }

    let options = '';
    for (;;) {
      if (this.accept(TokenType.CurlyClose) !== undefined) break;
      if (this.token.type === TokenType.EOF) return undefined;
      options += this.accept();
    }
    try {
      return { regexp: new RegExp(regex, options), format };
    } catch {
      return undefined;
    }
  }

  private parseFormatGroup(): FormatPart | undefined {
    const start = this.token;
    if (this.accept(TokenType.Dollar) === undefined) return undefined;
    const complex = this.accept(TokenType.CurlyOpen) !== undefined;
    const indexText = this.accept(TokenType.Int);
    if (indexText === undefined) {
      this.backTo(start);
      return undefined;
    }
    const index = Number(indexText);
    if (!complex || this.accept(TokenType.CurlyClose) !== undefined) return { kind: 'group', index };
    if (this.accept(TokenType.Colon) === undefined) {
      this.backTo(start);
      return undefined;
    }

    if (this.accept(TokenType.Forwardslash) !== undefined) {
      const shorthand = this.accept(TokenType.VariableName);
      if (shorthand !== undefined && this.accept(TokenType.CurlyClose) !== undefined) {
        return { kind: 'group', index, shorthand };
      }
    } else if (this.accept(TokenType.Plus) !== undefined) {
      const ifValue = this.until(TokenType.CurlyClose);
      if (ifValue !== undefined) return { kind: 'group', index, ifValue };
    } else if (this.accept(TokenType.Dash) !== undefined) {
      const elseValue = this.until(TokenType.CurlyClose);
      if (elseValue !== undefined) return { kind: 'group', index, elseValue };
    } else if (this.accept(TokenType.QuestionMark) !== undefined) {
      const ifValue = this.until(TokenType.Colon);
      const elseValue = ifValue === undefined ? undefined : this.until(TokenType.CurlyClose);
      if (ifValue !== undefined && elseValue !== undefined) return { kind: 'group', index, ifValue, elseValue };
    } else {
      const elseValue = this.until(TokenType.CurlyClose);
      if (elseValue !== undefined) return { kind: 'group', index, elseValue };
    }
    this.backTo(start);
    return undefined;
  }

  /** Raw text up to (and consuming) the next `type` token; `\$`, `\}` and `\\` are unescaped. */
  private until(type: TokenType): string | undefined {
    const start = this.token;
    while (this.token.type !== type) {
      if (this.token.type === TokenType.EOF) return undefined;
      if (this.token.type === TokenType.Backslash) {
        const next = this.scanner.next();
        if (next.type !== TokenType.Dollar && next.type !== TokenType.CurlyClose && next.type !== TokenType.Backslash) {
          return undefined;
        }
      }
      this.token = this.scanner.next();
    }
    const value = this.scanner.value.substring(start.pos, this.token.pos).replace(/\\(\$|}|\\)/g, '$1');
    this.token = this.scanner.next();
    return value;
  }

  private parseAnything(into: SnippetNode[]): boolean {
    if (this.token.type === TokenType.EOF) return false;
    into.push({ kind: 'text', value: this.accept() ?? '' });
    return true;
  }
}

function mergeText(nodes: SnippetNode[]): SnippetNode[] {
  const merged: SnippetNode[] = [];
  for (const node of nodes) {
    const last = merged[merged.length - 1];
    if (node.kind === 'text' && last?.kind === 'text') {
      merged[merged.length - 1] = { kind: 'text', value: last.value + node.value };
    } else {
      merged.push(node);
    }
  }
  return merged;
}

export function parseSnippet(source: string): SnippetNode[] {
  return new Parser(source).parseAll();
}

/** The variables VS Code resolves (docs: "Variables"); any other name is inserted as its own name. */
export const knownVariables: ReadonlySet<string> = new Set([
  'TM_SELECTED_TEXT',
  'TM_CURRENT_LINE',
  'TM_CURRENT_WORD',
  'TM_LINE_INDEX',
  'TM_LINE_NUMBER',
  'TM_FILENAME',
  'TM_FILENAME_BASE',
  'TM_DIRECTORY',
  'TM_DIRECTORY_BASE',
  'TM_FILEPATH',
  'RELATIVE_FILEPATH',
  'CLIPBOARD',
  'WORKSPACE_NAME',
  'WORKSPACE_FOLDER',
  'CURSOR_INDEX',
  'CURSOR_NUMBER',
  'CURRENT_YEAR',
  'CURRENT_YEAR_SHORT',
  'CURRENT_MONTH',
  'CURRENT_MONTH_NAME',
  'CURRENT_MONTH_NAME_SHORT',
  'CURRENT_DATE',
  'CURRENT_DAY_NAME',
  'CURRENT_DAY_NAME_SHORT',
  'CURRENT_HOUR',
  'CURRENT_MINUTE',
  'CURRENT_SECOND',
  'CURRENT_SECONDS_UNIX',
  'CURRENT_TIMEZONE_OFFSET',
  'RANDOM',
  'RANDOM_HEX',
  'UUID',
  'BLOCK_COMMENT_START',
  'BLOCK_COMMENT_END',
  'LINE_COMMENT',
]);

function words(value: string): string[] | null {
  return value.match(/[a-z0-9]+/gi);
}

function applyShorthand(shorthand: string, value: string): string | undefined {
  switch (shorthand) {
    case 'upcase':
      return value.toLocaleUpperCase();
    case 'downcase':
      return value.toLocaleLowerCase();
    case 'capitalize':
      return value === '' ? '' : value[0].toLocaleUpperCase() + value.slice(1);
    case 'pascalcase':
      return (
        words(value)
          ?.map((w) => w[0].toUpperCase() + w.slice(1))
          .join('') ?? value
      );
    case 'camelcase':
      return (
        words(value)
          ?.map((w, i) => (i === 0 ? w[0].toLowerCase() : w[0].toUpperCase()) + w.slice(1))
          .join('') ?? value
      );
    default:
      return undefined;
  }
}

function formatGroup(part: FormatPart & { kind: 'group' }, value: string): string {
  if (part.shorthand !== undefined) {
    const cased = applyShorthand(part.shorthand, value);
    if (cased !== undefined) return cased;
  }
  if (value !== '' && part.ifValue !== undefined) return part.ifValue;
  if (value === '' && part.elseValue !== undefined) return part.elseValue;
  return value;
}

export function applyTransform(transform: Transform, value: string): string {
  const render = (groups: string[]): string =>
    transform.format.map((part) => (part.kind === 'text' ? part.value : formatGroup(part, groups[part.index] ?? ''))).join('');
  let matched = false;
  const result = value.replace(transform.regexp, (...args: unknown[]) => {
    matched = true;
    const groupCount = args.findIndex((arg, i) => i > 0 && typeof arg === 'number');
    return render(args.slice(0, groupCount).map((arg) => (typeof arg === 'string' ? arg : '')));
  });
  // Like the editor: when nothing matched, the "else" branches still apply.
  if (!matched && transform.format.some((part) => part.kind === 'group' && part.elseValue !== undefined)) {
    return render([]);
  }
  return result;
}

/** Visits every node, depth first, in document order. */
export function walk(nodes: readonly SnippetNode[], visit: (node: SnippetNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if (node.kind !== 'text') walk(node.children, visit);
  }
}

/**
 * The text the editor inserts when the user accepts every default: each tab stop takes the value of
 * the first placeholder with its index that has one (a choice's first option), mirrors repeat it
 * (through their transform, if any), and variables resolve from `variables`.
 */
export function expandSnippet(source: string | readonly SnippetNode[], variables: Readonly<Record<string, string>>): string {
  const nodes = typeof source === 'string' ? parseSnippet(source) : source;
  const tabstopValues = new Map<number, string>();
  const render = (list: readonly SnippetNode[]): string => list.map(renderNode).join('');
  const renderNode = (node: SnippetNode): string => {
    switch (node.kind) {
      case 'text':
        return node.value;
      case 'tabstop': {
        const value = tabstopValues.get(node.index) ?? '';
        return node.transform ? applyTransform(node.transform, value) : value;
      }
      case 'variable': {
        const resolved = variables[node.name];
        if (resolved !== undefined) return node.transform ? applyTransform(node.transform, resolved) : resolved;
        if (node.hasDefault) return render(node.children);
        // The editor inserts an unknown variable's name (as a placeholder); a known one without a value is empty.
        return knownVariables.has(node.name) ? '' : node.name;
      }
    }
  };
  // The first placeholder per index with a value defines it; nested placeholders are defined first
  // when they come first in document order, exactly as the editor's depth-first walk does.
  const definitions: Array<SnippetNode & { kind: 'tabstop' }> = [];
  walk(nodes, (node) => {
    if (node.kind === 'tabstop' && (node.children.length > 0 || node.choices)) definitions.push(node);
  });
  for (const node of [...definitions].reverse()) {
    tabstopValues.set(node.index, node.choices ? node.choices[0] : render(node.children));
  }
  return render(nodes);
}

/** A snippet body as VS Code reads it from a snippet file: a string, or lines joined with `\n`. */
export function bodyText(body: string | readonly string[]): string {
  return typeof body === 'string' ? body : body.join('\n');
}
