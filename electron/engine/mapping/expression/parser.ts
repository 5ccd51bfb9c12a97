/**
 * A recursive-descent parser for the expression language. The grammar has no loops, no assignment, no
 * function definitions and no way to name a prototype, so every expression terminates in time proportional to
 * its size; size and nesting depth are bounded here so the recursion cannot overflow the stack.
 *
 *   expr        := conditional
 *   conditional := nullish ( "?" expr ":" expr )?
 *   nullish     := or ( "??" or )*
 *   or          := and ( ("||" | "or") and )*
 *   and         := equality ( ("&&" | "and") equality )*
 *   equality    := comparison ( ("==" | "!=" | "===" | "!==") comparison )*
 *   comparison  := additive ( ("<" | "<=" | ">" | ">=") additive )*
 *   additive    := multiplicative ( ("+" | "-") multiplicative )*
 *   multiplicative := unary ( ("*" | "/" | "%") unary )*
 *   unary       := ("!" | "not" | "-" | "+") unary | postfix
 *   postfix     := primary ( "." name | "." name "(" args ")" | "[" expr "]" )*
 *   primary     := number | string | true | false | null | name | name "(" args ")" | "new" "Date" "(" args ")"
 *                | "(" expr ")"
 */
import { FORBIDDEN_KEYS } from '../../../../shared/model.ts';
import { ExpressionError, tokenize, type Token } from './lexer.ts';

export type Node =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'name'; name: string; pos: number }
  | { kind: 'member'; object: Node; property: Node; pos: number }
  | { kind: 'call'; name: string; args: Node[]; pos: number }
  | { kind: 'method'; object: Node; name: string; args: Node[]; pos: number }
  | { kind: 'unary'; op: string; operand: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node; pos: number }
  | { kind: 'conditional'; test: Node; then: Node; otherwise: Node };

export const MAX_DEPTH = 40;
export const MAX_NODES = 1000;

export function parseExpression(source: string): Node {
  if (source.trim() === '') throw new ExpressionError('the expression is empty');
  const parser = new Parser(tokenize(source));
  const node = parser.expression();
  parser.expectEnd();
  return node;
}

class Parser {
  private index = 0;
  private depth = 0;
  private nodes = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    return this.tokens[this.index++]!;
  }
  private isPunct(text: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === text;
  }
  private expect(text: string): Token {
    const t = this.peek();
    if (t.kind !== 'punct' || t.text !== text) throw new ExpressionError(`expected "${text}" but found ${describe(t)}`, t.pos);
    return this.next();
  }
  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'eof') throw new ExpressionError(`unexpected ${describe(t)}`, t.pos);
  }
  private make<N extends Node>(node: N): N {
    if (++this.nodes > MAX_NODES) throw new ExpressionError(`the expression has more than ${MAX_NODES} parts`);
    return node;
  }
  private nested<T>(pos: number, parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new ExpressionError(`the expression nests deeper than ${MAX_DEPTH} levels`, pos);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  expression(): Node {
    return this.nested(this.peek().pos, () => this.conditional());
  }

  private conditional(): Node {
    const test = this.nullish();
    if (!this.isPunct('?')) return test;
    this.next();
    const then = this.expression();
    this.expect(':');
    const otherwise = this.expression();
    return this.make({ kind: 'conditional', test, then, otherwise });
  }

  private binaryLevel(operand: () => Node, ops: string[], words: Record<string, string> = {}): Node {
    let left = operand();
    for (;;) {
      const t = this.peek();
      const op = t.kind === 'punct' && ops.includes(t.text) ? t.text : t.kind === 'ident' && words[t.text] ? words[t.text]! : undefined;
      if (!op) return left;
      this.next();
      left = this.make({ kind: 'binary', op, left, right: operand(), pos: t.pos });
    }
  }

  private nullish = (): Node => this.binaryLevel(this.or, ['??']);
  private or = (): Node => this.binaryLevel(this.and, ['||'], { or: '||' });
  private and = (): Node => this.binaryLevel(this.equality, ['&&'], { and: '&&' });
  private equality = (): Node => this.binaryLevel(this.comparison, ['===', '!==', '==', '!=']);
  private comparison = (): Node => this.binaryLevel(this.additive, ['<=', '>=', '<', '>']);
  private additive = (): Node => this.binaryLevel(this.multiplicative, ['+', '-']);
  private multiplicative = (): Node => this.binaryLevel(this.unary, ['*', '/', '%']);

  private unary = (): Node => {
    const t = this.peek();
    if ((t.kind === 'punct' && ['!', '-', '+'].includes(t.text)) || (t.kind === 'ident' && t.text === 'not')) {
      this.next();
      const op = t.text === 'not' ? '!' : t.text;
      return this.nested(t.pos, () => this.make({ kind: 'unary', op, operand: this.unary() }));
    }
    return this.postfix();
  };

  private postfix(): Node {
    let node = this.primary();
    for (;;) {
      const t = this.peek();
      if (this.isPunct('.')) {
        this.next();
        const name = this.next();
        if (name.kind !== 'ident') throw new ExpressionError(`expected a field name after "." but found ${describe(name)}`, name.pos);
        checkName(name.text, name.pos);
        if (this.isPunct('(')) {
          node = this.make({ kind: 'method', object: node, name: name.text, args: this.args(), pos: name.pos });
        } else {
          node = this.make({ kind: 'member', object: node, property: { kind: 'literal', value: name.text }, pos: name.pos });
        }
      } else if (this.isPunct('[')) {
        this.next();
        const property = this.expression();
        if (property.kind === 'literal' && typeof property.value === 'string') checkName(property.value, t.pos);
        this.expect(']');
        node = this.make({ kind: 'member', object: node, property, pos: t.pos });
      } else return node;
    }
  }

  private args(): Node[] {
    this.expect('(');
    const args: Node[] = [];
    if (this.isPunct(')')) {
      this.next();
      return args;
    }
    for (;;) {
      args.push(this.expression());
      if (this.isPunct(',')) {
        this.next();
        continue;
      }
      this.expect(')');
      return args;
    }
  }

  private primary(): Node {
    const t = this.next();
    if (t.kind === 'number' || t.kind === 'string') return this.make({ kind: 'literal', value: t.value! });
    if (t.kind === 'punct' && t.text === '(') {
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (t.kind === 'ident') {
      if (t.text === 'true' || t.text === 'false') return this.make({ kind: 'literal', value: t.text === 'true' });
      if (t.text === 'null' || t.text === 'undefined') return this.make({ kind: 'literal', value: null });
      if (t.text === 'new') {
        // Only `new Date(...)`, the seed's way of saying "now": it maps to now() / date(x).
        const what = this.next();
        if (what.kind !== 'ident' || what.text !== 'Date') throw new ExpressionError('only "new Date()" is supported after "new"', what.pos);
        const args = this.isPunct('(') ? this.args() : [];
        if (args.length > 1) throw new ExpressionError('new Date() takes at most one argument', what.pos);
        return this.make({ kind: 'call', name: args.length ? 'date' : 'now', args, pos: t.pos });
      }
      checkName(t.text, t.pos);
      if (this.isPunct('(')) return this.make({ kind: 'call', name: t.text, args: this.args(), pos: t.pos });
      if (RESERVED.has(t.text))
        throw new ExpressionError(`"${t.text}" is not part of the expression language; name fields directly, or as record["${t.text}"]`, t.pos);
      return this.make({ kind: 'name', name: t.text, pos: t.pos });
    }
    throw new ExpressionError(`unexpected ${describe(t)}`, t.pos);
  }
}

/** JavaScript words that would suggest code runs here: refused, so a pasted snippet fails loudly, not oddly. */
const RESERVED = new Set([
  'this',
  'function',
  'return',
  'var',
  'let',
  'const',
  'class',
  'import',
  'export',
  'delete',
  'typeof',
  'void',
  'instanceof',
  'in',
  'yield',
  'await',
  'async',
  'with',
  'while',
  'for',
  'do',
  'if',
  'else',
  'switch',
  'case',
  'throw',
  'try',
  'catch',
  'globalThis',
  'window',
  'global',
  'process',
  'require',
  'module',
  'eval',
  'Function',
  'Reflect',
  'Proxy',
  'Object',
  'Symbol',
]);

/** Prototype names are never a field an expression may name, written or computed from a literal. */
function checkName(name: string, pos: number): void {
  if (FORBIDDEN_KEYS.has(name)) throw new ExpressionError(`"${name}" cannot be used in an expression`, pos);
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the expression';
  if (t.kind === 'string') return `the string "${t.text}"`;
  return `"${t.text}"`;
}
