import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionError, MAX_STRING_LENGTH } from '../../electron/engine/mapping/expression/index.ts';

const now = new Date('2024-05-06T07:08:09.000Z');
const evaluate = (expression: string, record: Record<string, unknown> = {}) => compileExpression(expression).evaluate({ record, now });

describe('the expression language', () => {
  const record = {
    title: 'Plan',
    content: 'Body text',
    tags: ['a', 'b'],
    count: '3',
    price: 2.5,
    done: false,
    metadata: { author: 'Ann' },
    'Created time': '2024-01-31',
  };

  it('reads fields, nested fields and literals', () => {
    expect(evaluate('title', record)).toBe('Plan');
    expect(evaluate('metadata.author', record)).toBe('Ann');
    expect(evaluate('record["Created time"]', record)).toBe('2024-01-31');
    expect(evaluate('field("Created time")', record)).toBe('2024-01-31');
    expect(evaluate('tags[1]', record)).toBe('b');
    expect(evaluate('missing', record)).toBeNull();
    expect(evaluate('missing.deeper', record)).toBeNull();
    expect(evaluate("'it\\'s' + \" \\u0041\"")).toBe("it's A");
  });

  it('does arithmetic, comparison, logic, concatenation and conditionals', () => {
    expect(evaluate('1 + 2 * 3 - 4 / 2 % 3', record)).toBe(5);
    expect(evaluate('count * 2', record)).toBe(6);
    expect(evaluate('price > 2 && !done', record)).toBe(true);
    expect(evaluate('title + " (" + len(tags) + ")"', record)).toBe('Plan (2)');
    expect(evaluate('done ? "yes" : count >= 3 ? "many" : "few"', record)).toBe('many');
    expect(evaluate('missing ?? "fallback"', record)).toBe('fallback');
    expect(evaluate('title == "Plan" and not done', record)).toBe(true);
    expect(evaluate('-price', record)).toBe(-2.5);
    expect(evaluate('"10" < "9"')).toBe(false); // numeric strings compare as numbers
  });

  it('has helpers: now, upper, lower, concat, coalesce, len, round, substr and more', () => {
    expect(evaluate('now()')).toBe('2024-05-06T07:08:09.000Z');
    expect(evaluate('today()')).toBe('2024-05-06');
    expect(evaluate('upper(title) + lower("X")', record)).toBe('PLANx');
    expect(evaluate('concat(title, "-", 1, true)', record)).toBe('Plan-1true');
    expect(evaluate('coalesce(missing, "", content)', record)).toBe('Body text');
    expect(evaluate('len(content)', record)).toBe(9);
    expect(evaluate('round(price * 1.333, 2)', record)).toBe(3.33);
    expect(evaluate('substr(content, 0, 4)', record)).toBe('Body');
    expect(evaluate('join(tags, "|")', record)).toBe('a|b');
    expect(evaluate('date("31/01/2024")')).toBe('2024-01-31T00:00:00.000Z');
    expect(evaluate('if(done, 1, 2)', record)).toBe(2);
  });

  it("maps the seed's new Date() and its methods onto now()", () => {
    expect(evaluate('new Date().toISOString()')).toBe('2024-05-06T07:08:09.000Z');
    expect(evaluate('new Date()')).toBe('2024-05-06T07:08:09.000Z');
    expect(evaluate('new Date("2024-01-31").getTime()')).toBe(Date.parse('2024-01-31T00:00:00Z'));
    expect(evaluate('Date.now()')).toBe(now.getTime());
    expect(evaluate('title.toUpperCase()', record)).toBe('PLAN');
    expect(evaluate('content.length', record)).toBe(9);
  });

  it('rejects syntax errors and unknown names when compiled, saying where', () => {
    expect(() => compileExpression('1 +')).toThrow(ExpressionError);
    expect(() => compileExpression('(1')).toThrow(/expected "\)"/);
    expect(() => compileExpression('title title')).toThrow(/unexpected/);
    expect(() => compileExpression('shout(title)')).toThrow(/unknown function "shout"/);
    expect(() => compileExpression('upper()')).toThrow(/takes 1/);
    expect(() => compileExpression('title.explode()')).toThrow(/unknown method/);
    expect(() => compileExpression('new Function("return 1")')).toThrow(/new Date/);
    expect(() => compileExpression('')).toThrow(/empty/);
    expect(() => compileExpression('a = 1')).toThrow(ExpressionError);
    expect(() => compileExpression('`template`')).toThrow(ExpressionError);
    expect(() => compileExpression('x => x')).toThrow(ExpressionError);
  });

  describe('hostile expressions', () => {
    it('never reaches a prototype: __proto__, constructor and prototype are refused', () => {
      for (const e of [
        '__proto__',
        'record.__proto__',
        'title.constructor',
        'record["constructor"]',
        'tags.prototype',
        'constructor("x")',
        'title.constructor.constructor("return process")()',
      ]) {
        expect(() => compileExpression(e), e).toThrow(ExpressionError);
      }
    });

    it('computed keys read own data only', () => {
      expect(evaluate('record["__pro" + "to__"]', {})).toBeNull();
      expect(evaluate('record[concat("const", "ructor")]', {})).toBeNull();
      expect(evaluate('title["length"]', { title: 'abc' })).toBe(3);
      expect(evaluate('record["toString"]', {})).toBeNull();
      const withOwn = JSON.parse('{"__proto__": "data"}');
      expect(evaluate('record["__pro" + "to__"]', withOwn)).toBe('data');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('bounds size and nesting, so parsing cannot overflow the stack', () => {
      expect(() => compileExpression('('.repeat(5000) + '1' + ')'.repeat(5000))).toThrow(/longer than|nests deeper/);
      expect(() => compileExpression('('.repeat(100) + '1' + ')'.repeat(100))).toThrow(/nests deeper/);
      expect(() => compileExpression('!'.repeat(500) + '1')).toThrow(/nests deeper/);
      expect(() => compileExpression(Array.from({ length: 1100 }, () => '1').join('+'))).toThrow(/more than/);
    });

    it('bounds outputs: no expression can build a huge string', () => {
      const big = 'x'.repeat(600_000);
      expect(() => evaluate('concat(s, s)', { s: big })).toThrow(new RegExp(`longer than ${MAX_STRING_LENGTH.toLocaleString('en-US')}`));
      expect(() => evaluate('s + s', { s: big })).toThrow(/longer than/);
      expect(() => evaluate('replace(s, "x", "xx")', { s: big })).toThrow(/longer than/);
      // The language has no loops and no recursion: time is linear in the expression's size.
      const start = Date.now();
      expect(evaluate(Array.from({ length: 300 }, () => 'len(title)').join('+'), { title: 'ab' })).toBe(600);
      expect(Date.now() - start).toBeLessThan(5000);
    });

    it('refuses a division by zero and non-finite results', () => {
      expect(() => evaluate('1 / 0')).toThrow(/division by zero/);
      expect(() => evaluate('1e308 * 10')).toThrow(/finite/);
    });
  });
});
