import { describe, expect, it } from 'vitest';
import { compileDateFormat, parseLegacyDate } from '../../electron/engine/mapping/dates.ts';
import { datesShape } from '../../electron/engine/mapping/suggest-values.ts';

describe('parseOldDateFormat (parseLegacyDate)', () => {
  it.each([
    ['31/01/2024', '2024-01-31T00:00:00.000Z'],
    ['01/31/2024', '2024-01-31T00:00:00.000Z'],
    ['01/02/2024', '2024-02-01T00:00:00.000Z'], // ambiguous: day-first by default
    ['01.02.2024', '2024-02-01T00:00:00.000Z'], // dot: day-first
    ['01/02/2024 10:30 PM', '2024-01-02T22:30:00.000Z'], // 12-hour clock: month-first
    ['03/15/2023 02:30 PM', '2023-03-15T14:30:00.000Z'],
    ['12/25/2023 12:05 AM', '2023-12-25T00:05:00.000Z'],
    ['31-12-99', '1999-12-31T00:00:00.000Z'],
    ['31-12-05', '2005-12-31T00:00:00.000Z'],
    ['20240131', '2024-01-31T00:00:00.000Z'],
    ['20240131 0930', '2024-01-31T09:30:00.000Z'],
    ['1706659200', '2024-01-31T00:00:00.000Z'], // epoch seconds
    ['1706659200000', '2024-01-31T00:00:00.000Z'], // epoch milliseconds
    [1706659200, '2024-01-31T00:00:00.000Z'],
    [20240131, '2024-01-31T00:00:00.000Z'],
    ['2024-01-31', '2024-01-31T00:00:00.000Z'],
    ['2024/01/31 08:00', '2024-01-31T08:00:00.000Z'],
    ['2024-01-31T10:00:00+02:00', '2024-01-31T08:00:00.000Z'],
    ['Jan 31, 2024', '2024-01-31T00:00:00.000Z'],
    ['31 January 2024 10:00', '2024-01-31T10:00:00.000Z'],
    ['Wed, 31 Jan 2024 10:00:00 GMT', '2024-01-31T10:00:00.000Z'],
  ])('%s -> %s', (input, expected) => {
    expect(parseLegacyDate(input)).toBe(expected);
  });

  it('month-first by choice for ambiguous dates only', () => {
    expect(parseLegacyDate('01/02/2024', 'MDY')).toBe('2024-01-02T00:00:00.000Z');
    expect(parseLegacyDate('31/01/2024', 'MDY')).toBe('2024-01-31T00:00:00.000Z');
  });

  it.each(['31/02/2024', '13/13/2024', 'yesterday', '', '2024-13-01', '25:00', 'March the 3rd', '99/99/99', '01/02/2024 13:00 PM'])('refuses %s', (input) => {
    expect(parseLegacyDate(input)).toBeUndefined();
  });
});

describe("Twitter's API dates (created_at in X archives and v1.1 API dumps)", () => {
  it.each([
    ['Fri Feb 20 09:10:58 +0000 2026', '2026-02-20T09:10:58.000Z'],
    ['Wed Oct 10 20:19:24 +0000 2018', '2018-10-10T20:19:24.000Z'],
    ['Wed Oct 10 20:19:24 -0230 2018', '2018-10-10T22:49:24.000Z'],
    // C's asctime, the same shape without a zone: UTC, as every zoneless time here.
    ['Thu Mar  5 07:04:09 2020', '2020-03-05T07:04:09.000Z'],
  ])('%s -> %s', (input, expected) => {
    expect(parseLegacyDate(input)).toBe(expected);
  });

  it.each(['Fri Feb 30 09:10:58 +0000 2026', 'Fri Foo 20 09:10:58 +0000 2026', 'Fri Feb 20 25:10:58 +0000 2026'])('refuses %s', (input) => {
    expect(parseLegacyDate(input)).toBeUndefined();
  });

  it('names the shape for the mapping step', () => {
    expect(datesShape(['Fri Feb 20 09:10:58 +0000 2026', 'Wed Oct 10 20:19:24 +0000 2018'], 'created_at')).toBe('Twitter API dates');
  });
});

describe('feed dates (RFC 822 / 2822)', () => {
  it.each([
    ['07 Nov 2015 12:00:00 EST', '2015-11-07T17:00:00.000Z'], // no weekday, a named zone
    ['08 Nov 2015 12:00:00 EDT', '2015-11-08T16:00:00.000Z'],
    ['Mon, 05 Dec 2022 11:44:05 +0000', '2022-12-05T11:44:05.000Z'],
    ['Mon, 5 Dec 2022 11:44:05 +0000', '2022-12-05T11:44:05.000Z'], // a single-digit day
    ['5 Dec 2022 11:44 -0800', '2022-12-05T19:44:00.000Z'],
    ['Tue, 01 Jan 2024 10:00:00 CST', '2024-01-01T16:00:00.000Z'],
    ['01 Jul 2024 10:00 CDT', '2024-07-01T15:00:00.000Z'],
    ['01 Jan 2024 10:00 MST', '2024-01-01T17:00:00.000Z'],
    ['01 Jul 2024 10:00 MDT', '2024-07-01T16:00:00.000Z'],
    ['01 Jan 2024 10:00 PST', '2024-01-01T18:00:00.000Z'],
    ['01 Jul 2024 10:00 PDT', '2024-07-01T17:00:00.000Z'],
    ['Sun, 06 Nov 1994 08:49:37 UT', '1994-11-06T08:49:37.000Z'],
    ['Sun, 06 Nov 1994 08:49:37 UTC', '1994-11-06T08:49:37.000Z'],
    ['Sun, 06 Nov 1994 08:49:37 Z', '1994-11-06T08:49:37.000Z'],
    // Military letters: RFC 2822 (4.3) says RFC 822 gave their signs wrongly, so they mean an unknown zone: UTC.
    ['Sun, 06 Nov 1994 08:49:37 A', '1994-11-06T08:49:37.000Z'],
    ['Sun, 06 Nov 1994 08:49:37 Y', '1994-11-06T08:49:37.000Z'],
    // Two-digit years of a dated-and-zoned (RFC) value: 00-49 are 20xx, 50-99 19xx (RFC 2822, 4.3).
    ['Sun, 6 Nov 94 08:49 GMT', '1994-11-06T08:49:00.000Z'],
    ['6 Nov 55 08:49 +0000', '1955-11-06T08:49:00.000Z'],
    ['6 Nov 22 08:49 EST', '2022-11-06T13:49:00.000Z'],
  ])('%s -> %s', (input, expected) => {
    expect(parseLegacyDate(input)).toBe(expected);
  });

  it.each(['07 Nov 2015 12:00:00 XYZ', '07 Nov 2015 12:00:00 J', '07 Nov 2015 12:00:00 ESTX', 'Mon, 32 Dec 2022 11:44:05 +0000'])('refuses %s', (input) => {
    expect(parseLegacyDate(input)).toBeUndefined();
  });

  it('reads the month names of pt, es, fr, de and it (and the weekday before them)', () => {
    expect(parseLegacyDate('Seg, 24 Set 2018 19:42:40 -0300')).toBe('2018-09-24T22:42:40.000Z');
    expect(parseLegacyDate('Sáb, 06 Out 2018 10:00:00 -0300')).toBe('2018-10-06T13:00:00.000Z');
    expect(parseLegacyDate('24 fevereiro 2018')).toBe('2018-02-24T00:00:00.000Z');
    expect(parseLegacyDate('lun, 05 dic 2022 11:44:05 +0100')).toBe('2022-12-05T10:44:05.000Z');
    expect(parseLegacyDate('3 septiembre 2021')).toBe('2021-09-03T00:00:00.000Z');
    expect(parseLegacyDate('3 ene 2021')).toBe('2021-01-03T00:00:00.000Z');
    expect(parseLegacyDate('mer., 12 févr. 2020 08:00:00 +0100')).toBe('2020-02-12T07:00:00.000Z');
    expect(parseLegacyDate('1 août 2020')).toBe('2020-08-01T00:00:00.000Z');
    expect(parseLegacyDate('1 aout 2020')).toBe('2020-08-01T00:00:00.000Z');
    expect(parseLegacyDate('15 juil. 2020')).toBe('2020-07-15T00:00:00.000Z');
    expect(parseLegacyDate('15 juin 2020')).toBe('2020-06-15T00:00:00.000Z');
    expect(parseLegacyDate('Mo, 24. März 2020 10:00 +0100')).toBe('2020-03-24T09:00:00.000Z');
    expect(parseLegacyDate('24 Mrz 2020')).toBe('2020-03-24T00:00:00.000Z');
    expect(parseLegacyDate('24 Okt 2020')).toBe('2020-10-24T00:00:00.000Z');
    expect(parseLegacyDate('24 Dez 2020')).toBe('2020-12-24T00:00:00.000Z');
    expect(parseLegacyDate('lun, 24 gen 2022')).toBe('2022-01-24T00:00:00.000Z');
    expect(parseLegacyDate('24 maggio 2022')).toBe('2022-05-24T00:00:00.000Z');
    expect(parseLegacyDate('24 giu 2022')).toBe('2022-06-24T00:00:00.000Z');
    expect(parseLegacyDate('24 lug 2022')).toBe('2022-07-24T00:00:00.000Z');
    expect(parseLegacyDate('24 ott 2022')).toBe('2022-10-24T00:00:00.000Z');
  });

  it('refuses a month name that could be two months, or a word that only starts like one', () => {
    expect(parseLegacyDate('15 jui 2020')).toBeUndefined(); // juin or juillet
    expect(parseLegacyDate('15 marmalade 2020')).toBeUndefined();
    expect(parseLegacyDate('15 ju 2020')).toBeUndefined();
  });
});

describe('parseDate(format)', () => {
  it('reads the tokens it documents', () => {
    expect(compileDateFormat('YYYY-MM-DD[T]HH:mm:ss')('2024-03-05T07:08:09')).toBe('2024-03-05T07:08:09.000Z');
    expect(compileDateFormat('D MMM YY h:mm A')('5 Mar 24 7:08 pm')).toBe('2024-03-05T19:08:00.000Z');
    expect(compileDateFormat('MM/DD/YYYY')('03/05/2024')).toBe('2024-03-05T00:00:00.000Z');
    expect(compileDateFormat('DD.MM.YYYY HH:mm Z')('05.03.2024 10:00 +01:00')).toBe('2024-03-05T09:00:00.000Z');
    expect(compileDateFormat('MM/DD/YYYY')('31/12/2024')).toBeUndefined();
  });

  it('refuses formats without a year or a month', () => {
    expect(() => compileDateFormat('DD')).toThrow(/year/);
    expect(() => compileDateFormat('YYYY')).toThrow(/month/);
  });
});
