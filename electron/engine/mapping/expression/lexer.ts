/**
 * The tokens of the expression language (computed fields, and the argument lists of custom functions).
 * Hand-written because the language is tiny and must stay tiny: no template strings, no regex literals,
 * nothing that could smuggle in code.
 */
export type TokenKind = 'number' | 'string' | 'ident' | 'punct' | 'eof';
export interface Token {
  kind: TokenKind;
  /** The text of an identifier or punctuation; the decoded value of a string; the digits of a number. */
  text: string;
  value?: string | number;
  pos: number;
}

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(position === undefined ? message : `${message} (at character ${position + 1})`);
    this.name = 'ExpressionError';
  }
}

/** Longest first, so `===` is not read as `==` then `=`. */
const PUNCTUATION = ['===', '!==', '==', '!=', '<=', '>=', '&&', '||', '??', '(', ')', '[', ']', ',', '.', '?', ':', '+', '-', '*', '/', '%', '!', '<', '>'];

export const MAX_EXPRESSION_LENGTH = 4096;

export function tokenize(source: string): Token[] {
  if (source.length > MAX_EXPRESSION_LENGTH) throw new ExpressionError(`the expression is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(i, i + 400))!;
      const value = Number(m[0]);
      if (!Number.isFinite(value)) throw new ExpressionError(`the number ${m[0]} is too large`, i);
      tokens.push({ kind: 'number', text: m[0], value, pos: i });
      i += m[0].length;
      if (/[A-Za-z_$]/.test(source[i] ?? '')) throw new ExpressionError(`unexpected "${source[i]}" after a number`, i);
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new ExpressionError('a string is not closed', start);
        const d = source[i]!;
        if (d === c) {
          i++;
          break;
        }
        if (d === '\\') {
          const e = source[i + 1];
          const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '/': '/', '0': '\0' };
          if (e !== undefined && e in simple) {
            value += simple[e];
            i += 2;
          } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
            value += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16));
            i += 6;
          } else throw new ExpressionError(`unknown escape "\\${e ?? ''}" in a string`, i);
          continue;
        }
        value += d;
        i++;
      }
      tokens.push({ kind: 'string', text: value, value, pos: start });
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i, i + 200))!;
      tokens.push({ kind: 'ident', text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
    if (!punct) throw new ExpressionError(`unexpected character "${c}"`, i);
    tokens.push({ kind: 'punct', text: punct, pos: i });
    i += punct.length;
  }
  tokens.push({ kind: 'eof', text: '', pos: source.length });
  return tokens;
}
