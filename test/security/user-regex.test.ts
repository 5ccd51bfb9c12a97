/**
 * The only regex a user writes is a parseDate format in a mapping (`replace("a", "b")` is literal text, split and
 * joined; filters are lists and dates, no patterns). Issue 13: it must run in linear time. Before, adjacent
 * variable-width tokens (`YYYYMDHMDH…`) compiled to `(\d{1,2})(\d{1,2})…`, which tried 2^60 splits of a digit cell
 * (over 120 s for one cell, measured) and held an import and its write lock. recheck calls that regex safe: it
 * judges growth with the input's length (capped at MAX_DATE_TEXT here), while this grew with the format's. So the
 * gate is the format rule (a variable-width token is followed by something that cannot continue it), and the test
 * runs long random formats on the cells that hurt most: one that could split two ways would not finish.
 */
import fc from 'fast-check';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { compileDateFormat, dateFormatRegex } from '../../electron/engine/mapping/dates.ts';
import { compileFunction } from '../../electron/engine/mapping/functions.ts';

const linear = (regex: RegExp) => checkSync(regex.source, regex.flags, { timeout: 10_000 }).status === 'safe';

describe('parseDate formats (user regexes) are linear', () => {
  it('the attack format is refused when the mapping is compiled, naming the ambiguity', () => {
    expect(() => compileDateFormat('YYYYMDHMDHMDHMDHMDHMDHMDHMDHMDHMDHMDHMDHMDHMDHMDHMDHMDHMDHMDH')).toThrow(
      /"M" followed by "D" can be read more than one way/,
    );
    expect(() => compileFunction('parseDate("YYYYMDHMDHMDHMDHMDH")')).toThrow(/more than one way/);
    // An empty literal is no separator.
    expect(() => compileDateFormat('YYYYM[]D[]D')).toThrow(/more than one way/);
    expect(() => compileDateFormat('D MMMMYYYYA')).not.toThrow(); // MMMM then a digit: one way
    expect(() => compileDateFormat('D MMMMA YYYY')).toThrow(/"MMMM" followed by "A"/);
    expect(() => compileDateFormat('MMM. D YYYY')).toThrow(/"MMM" followed by "\."/);
  });

  it('the formats people use still read their dates', () => {
    expect(compileDateFormat('DD.MM.YYYY HH:mm')('31.12.2024 23:59')).toBe('2024-12-31T23:59:00.000Z');
    expect(compileDateFormat('YYYYMMDD')('20240102')).toBe('2024-01-02T00:00:00.000Z');
    expect(compileDateFormat('D MMMM YYYY')('2 January 2024')).toBe('2024-01-02T00:00:00.000Z');
    expect(compileDateFormat('M/D/YYYY h:mmA')('1/2/2024 3:04PM')).toBe('2024-01-02T15:04:00.000Z');
    expect(compileDateFormat('YYYY-MM-DD[T]HH:mm:ssZ')('2024-01-02T03:04:05+01:00')).toBe('2024-01-02T02:04:05.000Z');
  });

  it('every accepted format reads the worst cells at once, and recheck finds its regex linear in the cell (random formats)', () => {
    // Text each element matches, two characters where the token allows one or two: a cell that matches all the way
    // and then fails is where a format that could split two ways tries every split.
    const sample: Record<string, string> = {
      YYYY: '2024',
      YY: '24',
      MMMM: 'Janua',
      MMM: 'Jan',
      MM: '12',
      M: '12',
      DD: '12',
      D: '12',
      HH: '12',
      H: '12',
      hh: '12',
      h: '12',
      mm: '12',
      ss: '12',
      SSS: '123',
      A: 'AM',
      Z: '+0100',
      '[T]': 'T',
      '[]': '',
      '[x1]': 'x1',
    };
    const tokens = [...Object.keys(sample), 'M', 'D', 'H', 'h', 'M', 'D', '.', '-', '/', ' ', ':', '1'];
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { minLength: 2, maxLength: 40 }), (parts) => {
        const elements = ['YYYY', 'M', ...parts];
        const format = elements.join('');
        if (format.length > 64) return;
        let compiled: RegExp | undefined;
        try {
          compiled = dateFormatRegex(format).regex;
        } catch {
          return; // refused: never runs
        }
        accepted++;
        const read = compileDateFormat(format);
        const nearMatch =
          elements
            .map((e) => sample[e] ?? e)
            .join('')
            .slice(0, 98) + '!';
        for (const cell of [nearMatch, '1'.repeat(99) + 'x', 'Ab'.repeat(49) + '1']) expect(read(cell)).toBeUndefined();
        if (accepted <= 15) expect(linear(compiled), `${format} → ${compiled}`).toBe(true);
      }),
      { numRuns: 400, seed: 13 },
    );
    expect(accepted).toBeGreaterThan(5);
  }, 120_000);
});
