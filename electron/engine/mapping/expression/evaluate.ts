/**
 * The interpreter of the expression language. Values are JSON values (dates are ISO strings); a missing
 * field is null. Every string an expression builds is capped, so no expression can produce a huge output,
 * and the tree is walked once, so evaluation time is bounded by the expression's size.
 */
import { FORBIDDEN_KEYS } from '../../../../shared/model.ts';
import { parseLegacyDate } from '../dates.ts';
import { isPlainObject, locate, ownField } from '../paths.ts';
import { ExpressionError } from './lexer.ts';
import { parseExpression, type Node } from './parser.ts';

export const MAX_STRING_LENGTH = 1_000_000;
export const MAX_LIST_LENGTH = 10_000;

export interface EvaluationContext {
  record: Record<string, unknown>;
  /** The instant `now()` returns: one per operation, so every record of an export gets the same time. */
  now?: Date;
}

type Value = unknown;
type Helper = { min: number; max: number; run: (args: Value[], ctx: EvaluationContext) => Value };

const str = (v: Value): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));

function num(v: Value, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.trim()))) return Number(v.trim());
  throw new ExpressionError(`${what} needs a number, got ${v === null || v === undefined ? 'nothing' : JSON.stringify(v).slice(0, 40)}`);
}

function capped<T>(value: T): T {
  if (typeof value === 'string' && value.length > MAX_STRING_LENGTH) {
    throw new ExpressionError(`the result is longer than ${MAX_STRING_LENGTH.toLocaleString('en-US')} characters`);
  }
  if (Array.isArray(value) && value.length > MAX_LIST_LENGTH) throw new ExpressionError(`the result has more than ${MAX_LIST_LENGTH} items`);
  return value;
}

function truthy(v: Value): boolean {
  return !(v === null || v === undefined || v === false || v === 0 || v === '' || Number.isNaN(v));
}

function toDate(v: Value, ctx: EvaluationContext): string | null {
  if (v === null || v === undefined || v === '') return null;
  const iso = parseLegacyDate(v) ?? (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(Date.parse(v)).toISOString() : undefined);
  if (!iso) throw new ExpressionError(`cannot read ${JSON.stringify(v).slice(0, 40)} as a date`);
  void ctx;
  return iso;
}

const now = (ctx: EvaluationContext) => (ctx.now ?? new Date()).toISOString();

function length(v: Value): number {
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  if (isPlainObject(v)) return Object.keys(v).length;
  return v === null || v === undefined ? 0 : str(v).length;
}

function round(n: number, digits: number): number {
  const f = 10 ** Math.max(0, Math.min(15, Math.trunc(digits)));
  return Math.round(n * f) / f;
}

/** The helpers an expression may call, by name. Nothing else is callable. */
export const HELPERS: Record<string, Helper> = {
  now: { min: 0, max: 0, run: (_a, ctx) => now(ctx) },
  today: { min: 0, max: 0, run: (_a, ctx) => now(ctx).slice(0, 10) },
  date: { min: 1, max: 1, run: ([v], ctx) => toDate(v, ctx) },
  upper: { min: 1, max: 1, run: ([v]) => (v === null || v === undefined ? null : str(v).toUpperCase()) },
  lower: { min: 1, max: 1, run: ([v]) => (v === null || v === undefined ? null : str(v).toLowerCase()) },
  trim: { min: 1, max: 1, run: ([v]) => (v === null || v === undefined ? null : str(v).trim()) },
  concat: { min: 0, max: 50, run: (args) => capped(args.map(str).join('')) },
  coalesce: { min: 1, max: 50, run: (args) => args.find((a) => a !== null && a !== undefined && a !== '') ?? null },
  len: { min: 1, max: 1, run: ([v]) => length(v) },
  length: { min: 1, max: 1, run: ([v]) => length(v) },
  substr: {
    min: 2,
    max: 3,
    run: ([v, start, count]) => {
      const chars = [...str(v)];
      const s = Math.max(0, Math.trunc(num(start, 'substr')));
      return chars.slice(s, count === undefined ? undefined : s + Math.max(0, Math.trunc(num(count, 'substr')))).join('');
    },
  },
  replace: { min: 3, max: 3, run: ([v, a, b]) => (str(a) === '' ? str(v) : capped(str(v).split(str(a)).join(str(b)))) },
  contains: { min: 2, max: 2, run: ([v, part]) => (Array.isArray(v) ? v.includes(part) : str(v).includes(str(part))) },
  startsWith: { min: 2, max: 2, run: ([v, part]) => str(v).startsWith(str(part)) },
  endsWith: { min: 2, max: 2, run: ([v, part]) => str(v).endsWith(str(part)) },
  split: { min: 2, max: 2, run: ([v, sep]) => (v === null || v === undefined || v === '' ? [] : capped(str(v).split(str(sep)))) },
  join: { min: 1, max: 2, run: ([v, sep]) => (Array.isArray(v) ? capped(v.map(str).join(sep === undefined ? ', ' : str(sep))) : str(v)) },
  number: { min: 1, max: 1, run: ([v]) => (v === null || v === undefined || v === '' ? null : num(v, 'number()')) },
  string: { min: 1, max: 1, run: ([v]) => str(v) },
  boolean: { min: 1, max: 1, run: ([v]) => truthy(v) },
  round: { min: 1, max: 2, run: ([v, d]) => round(num(v, 'round()'), d === undefined ? 0 : num(d, 'round()')) },
  floor: { min: 1, max: 1, run: ([v]) => Math.floor(num(v, 'floor()')) },
  ceil: { min: 1, max: 1, run: ([v]) => Math.ceil(num(v, 'ceil()')) },
  abs: { min: 1, max: 1, run: ([v]) => Math.abs(num(v, 'abs()')) },
  min: { min: 1, max: 50, run: (args) => Math.min(...args.map((a) => num(a, 'min()'))) },
  max: { min: 1, max: 50, run: (args) => Math.max(...args.map((a) => num(a, 'max()'))) },
  if: { min: 3, max: 3, run: ([c, a, b]) => (truthy(c) ? a : b) },
  isEmpty: { min: 1, max: 1, run: ([v]) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) },
  /** A field whose name is not an identifier: field("Created time"). */
  field: { min: 1, max: 1, run: ([name], ctx) => fieldValue(ctx.record, str(name)) },
};

/** Methods the seed's JavaScript-looking expressions use, mapped onto helpers. */
const METHODS: Record<string, (target: Value, args: Value[], ctx: EvaluationContext) => Value> = {
  toISOString: (v, _a, ctx) => toDate(v, ctx),
  toUpperCase: (v) => HELPERS.upper!.run([v], {} as EvaluationContext),
  toLowerCase: (v) => HELPERS.lower!.run([v], {} as EvaluationContext),
  trim: (v) => HELPERS.trim!.run([v], {} as EvaluationContext),
  toString: (v: unknown) => str(v),
  getTime: (v, _a, ctx) => {
    const iso = toDate(v, ctx);
    return iso === null ? null : Date.parse(iso);
  },
  join: (v, [sep]) => HELPERS.join!.run([v, sep], {} as EvaluationContext),
  split: (v, [sep]) => HELPERS.split!.run([v, sep ?? ','], {} as EvaluationContext),
  includes: (v, [part]) => HELPERS.contains!.run([v, part], {} as EvaluationContext),
  startsWith: (v, [part]) => str(v).startsWith(str(part)),
  endsWith: (v, [part]) => str(v).endsWith(str(part)),
  slice: (v, [a, b]) => (Array.isArray(v) ? v : [...str(v)]).slice(num(a ?? 0, 'slice()'), b === undefined ? undefined : num(b, 'slice()')),
};

function fieldValue(record: Record<string, unknown>, name: string): Value {
  if (FORBIDDEN_KEYS.has(name)) return ownField(record, name) ?? null;
  return locate(record, name).value ?? null;
}

/** Checks names before anything runs, so a typo is an error when a template is saved, not on record 10,000. */
function check(node: Node): void {
  switch (node.kind) {
    case 'call': {
      const helper = Object.hasOwn(HELPERS, node.name) ? HELPERS[node.name] : undefined;
      if (!helper) throw new ExpressionError(`unknown function "${node.name}" (known: ${Object.keys(HELPERS).join(', ')})`, node.pos);
      if (node.args.length < helper.min || node.args.length > helper.max) {
        const want = helper.min === helper.max ? `${helper.min}` : `${helper.min} to ${helper.max}`;
        throw new ExpressionError(`${node.name}() takes ${want} argument(s), got ${node.args.length}`, node.pos);
      }
      node.args.forEach(check);
      return;
    }
    case 'method':
      if (node.object.kind === 'name' && node.object.name === 'Date') {
        if (node.name !== 'now' || node.args.length) throw new ExpressionError('only Date.now() is supported on Date', node.pos);
        return;
      }
      if (!Object.hasOwn(METHODS, node.name)) {
        throw new ExpressionError(`unknown method ".${node.name}()" (known: ${Object.keys(METHODS).join(', ')})`, node.pos);
      }
      check(node.object);
      node.args.forEach(check);
      return;
    case 'member':
      check(node.object);
      check(node.property);
      return;
    case 'unary':
      check(node.operand);
      return;
    case 'binary':
      check(node.left);
      check(node.right);
      return;
    case 'conditional':
      check(node.test);
      check(node.then);
      check(node.otherwise);
      return;
    default:
      return;
  }
}

function evaluate(node: Node, ctx: EvaluationContext): Value {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'name':
      if (node.name === 'record') return ctx.record;
      return fieldValue(ctx.record, node.name);
    case 'member': {
      const object = evaluate(node.object, ctx);
      const key = evaluate(node.property, ctx);
      if (key === 'length' && (typeof object === 'string' || Array.isArray(object))) return length(object);
      if (typeof key !== 'string' && typeof key !== 'number') return null;
      // Own data only: `__proto__` computed at run time reads an own key named so, never the prototype.
      return ownField(object, String(key)) ?? null;
    }
    case 'call':
      return capped(
        HELPERS[node.name]!.run(
          node.args.map((a) => evaluate(a, ctx)),
          ctx,
        ),
      );
    case 'method': {
      if (node.object.kind === 'name' && node.object.name === 'Date') return (ctx.now ?? new Date()).getTime();
      const target = evaluate(node.object, ctx);
      return capped(
        METHODS[node.name]!(
          target,
          node.args.map((a) => evaluate(a, ctx)),
          ctx,
        ),
      );
    }
    case 'unary': {
      const v = evaluate(node.operand, ctx);
      if (node.op === '!') return !truthy(v);
      const n = num(v, `"${node.op}"`);
      return node.op === '-' ? -n : n;
    }
    case 'conditional':
      return truthy(evaluate(node.test, ctx)) ? evaluate(node.then, ctx) : evaluate(node.otherwise, ctx);
    case 'binary':
      return binary(node, ctx);
  }
}

function binary(node: Extract<Node, { kind: 'binary' }>, ctx: EvaluationContext): Value {
  const { op } = node;
  if (op === '&&') {
    const l = evaluate(node.left, ctx);
    return truthy(l) ? evaluate(node.right, ctx) : l;
  }
  if (op === '||') {
    const l = evaluate(node.left, ctx);
    return truthy(l) ? l : evaluate(node.right, ctx);
  }
  if (op === '??') {
    const l = evaluate(node.left, ctx);
    return l === null || l === undefined ? evaluate(node.right, ctx) : l;
  }
  const l = evaluate(node.left, ctx) ?? null;
  const r = evaluate(node.right, ctx) ?? null;
  switch (op) {
    case '+':
      if (typeof l === 'number' && typeof r === 'number') return l + r;
      if (typeof l === 'string' || typeof r === 'string' || l === null || r === null) return capped(str(l) + str(r));
      return num(l, '"+"') + num(r, '"+"');
    case '-':
      return num(l, '"-"') - num(r, '"-"');
    case '*':
      return num(l, '"*"') * num(r, '"*"');
    case '/':
    case '%': {
      const d = num(r, `"${op}"`);
      if (d === 0) throw new ExpressionError('division by zero');
      return op === '/' ? num(l, '"/"') / d : num(l, '"%"') % d;
    }
    case '==':
    case '===':
      return equal(l, r);
    case '!=':
    case '!==':
      return !equal(l, r);
    default: {
      if (l === null || r === null) return false;
      const numeric = isNumeric(l) && isNumeric(r);
      const a = numeric ? num(l, op) : str(l);
      const b = numeric ? num(r, op) : str(r);
      return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    }
  }
}

const isNumeric = (v: Value) => typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));

function equal(a: Value, b: Value): boolean {
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

export interface CompiledExpression {
  source: string;
  evaluate(ctx: EvaluationContext): unknown;
}

/** Parses and checks an expression once; throws ExpressionError naming what is wrong and where. */
export function compileExpression(source: string): CompiledExpression {
  const tree = parseExpression(source);
  check(tree);
  return {
    source,
    evaluate: (ctx) => {
      const value = evaluate(tree, ctx);
      if (typeof value === 'number' && !Number.isFinite(value)) throw new ExpressionError('the result is not a finite number');
      return value ?? null;
    },
  };
}
