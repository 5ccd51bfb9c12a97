/**
 * Reading dates written by other tools. Every result is an ISO 8601 string in UTC with milliseconds, the one
 * form the store keeps. A date-time without a zone is taken as UTC (the same rule as the store's own
 * normalisation), so an import gives the same result on every machine.
 *
 * The ambiguity rule of parseOldDateFormat, for `A/B/YYYY` (also with `-` or `.`):
 *   - a first number above 12 means day-first (31/01/2024), a second number above 12 means month-first
 *     (01/31/2024);
 *   - when both could be a month: a dot separator means day-first (European 01.02.2024); a 12-hour clock
 *     (AM/PM) means month-first (US 01/02/2024 10:30 PM); otherwise day-first, unless the function was given
 *     "MDY" (`parseOldDateFormat("MDY")`), which makes month-first the default.
 * Numbers: 8 digits that form a valid YYYYMMDD date between 1900 and 2199 are that date; other integers are
 * Unix epoch time, in seconds below 100,000,000,000, in milliseconds below 100,000,000,000,000 and in
 * microseconds from there on (Google Keep's `createdTimestampUsec`).
 * Shapes other tools write: Evernote's compact `20230513T123501Z`, Notion's `@December 1, 2024` (a mention;
 * a range `@December 1, 2024 → December 3, 2024` is its start), `December 1, 2024 10:00 AM`, RFC 822/2822 as
 * feeds write it (the weekday optional, `07 Nov 2015 12:00:00 EST`; zones UT, UTC, GMT, Z, EST/EDT, CST/CDT,
 * MST/MDT, PST/PDT, `+hhmm`, and the military letters, read as UTC as RFC 2822 says), Twitter's API dates
 * (`Wed Oct 10 20:19:24 +0000 2018`, as X archives and v1.1 API dumps write them); day-first dates may name
 * the month in Portuguese, Spanish, French, German or Italian (`Seg, 24 Set 2018`, `24. März 2020`).
 * Two-digit years follow POSIX: 69-99 are 19xx, 00-68 are 20xx; in a day-month-year date with a zone (e-mail,
 * feeds) they follow RFC 2822 instead: 50-99 are 19xx, 00-49 are 20xx.
 */

export type DayOrder = 'DMY' | 'MDY';

/**
 * Month names in English, Portuguese, Spanish, French, German and Italian, without accents (`fevrier` for
 * février, `marz` for März). A name is a month when it is one of these or the start of one (3 letters at
 * least), and all the names it starts are the same month: `set` is September (pt, it), `jui` is refused
 * (juin or juillet).
 */
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'janeiro', 'enero', 'janvier', 'januar', 'janner', 'gennaio'],
  ['february', 'fevereiro', 'febrero', 'fevrier', 'februar', 'febbraio'],
  ['march', 'marco', 'marzo', 'mars', 'marz'],
  ['april', 'abril', 'avril', 'aprile'],
  ['may', 'maio', 'mayo', 'mai', 'maggio'],
  ['june', 'junho', 'junio', 'juin', 'juni', 'giugno'],
  ['july', 'julho', 'julio', 'juillet', 'juli', 'luglio'],
  ['august', 'agosto', 'aout'],
  ['september', 'setembro', 'septiembre', 'setiembre', 'septembre', 'settembre'],
  ['october', 'outubro', 'octubre', 'octobre', 'oktober', 'ottobre'],
  ['november', 'novembro', 'noviembre', 'novembre'],
  ['december', 'dezembro', 'diciembre', 'decembre', 'dezember', 'dicembre'],
];
/** Abbreviations that are no start of their month's name. */
const MONTH_ABBREVIATIONS = new Map([
  ['sept', 9],
  ['mrz', 3],
]);

function monthFromName(name: string): number | undefined {
  const key = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\.$/, '');
  const abbreviation = MONTH_ABBREVIATIONS.get(key);
  if (abbreviation) return abbreviation;
  // "Sept" and full names are fine; a random word starting with "mar" is not.
  if (key.length < 3) return undefined;
  const months = new Set<number>();
  MONTH_NAMES.forEach((names, i) => {
    if (names.some((n) => n.startsWith(key))) months.add(i + 1);
  });
  return months.size === 1 ? [...months][0] : undefined;
}

function fullYear(text: string): number {
  const n = Number(text);
  if (text.length > 2) return n;
  return n >= 69 ? 1900 + n : 2000 + n;
}

/** A two-digit year in an e-mail or feed date (with its zone): 00-49 are 20xx, 50-99 19xx (RFC 2822, 4.3). */
function rfcYear(text: string): number {
  const n = Number(text);
  if (text.length > 2) return n;
  return n >= 50 ? 1900 + n : 2000 + n;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  ms?: number;
  meridiem?: string;
  /** Minutes east of UTC. */
  offset?: number;
}

/** Builds the UTC instant, refusing impossible dates (31 February, hour 25) instead of rolling them over. */
export function fromParts(p: Parts): string | undefined {
  let hour = p.hour ?? 0;
  if (p.meridiem) {
    const pm = /^p/i.test(p.meridiem);
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  const minute = p.minute ?? 0;
  const second = p.second ?? 0;
  const ms = p.ms ?? 0;
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const time = Date.UTC(p.year, p.month - 1, p.day, hour, minute, Math.min(second, 59), ms);
  const d = new Date(time);
  if (d.getUTCFullYear() !== p.year || d.getUTCMonth() !== p.month - 1 || d.getUTCDate() !== p.day) return undefined;
  return new Date(time - (p.offset ?? 0) * 60_000).toISOString();
}

/** RFC 822's zone names (section 5.1), in minutes east of UTC. */
const NAMED_ZONES = new Map([
  ['z', 0],
  ['ut', 0],
  ['utc', 0],
  ['gmt', 0],
  ['est', -300],
  ['edt', -240],
  ['cst', -360],
  ['cdt', -300],
  ['mst', -420],
  ['mdt', -360],
  ['pst', -480],
  ['pdt', -420],
]);

function parseOffset(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const named = NAMED_ZONES.get(text.toLowerCase());
  if (named !== undefined) return named;
  // RFC 822's military letters (A-I, K-Z) had their signs the wrong way round; RFC 2822 (4.3) says to read them
  // as -0000, a time in UTC whose zone is unknown. Only the RFC-shaped pattern (RFC_ZONE) lets them through.
  if (/^[a-ik-z]$/i.test(text)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/** A zone: `Z`, `UTC`, `UT`, `GMT`, RFC 822's US names (EST, EDT, CST, CDT, MST, MDT, PST, PDT), `+hh:mm`, `+hhmm`. */
const ZONE = String.raw`Z|UTC?|GMT|[ECMP][SD]T|[+-]\d{2}:?\d{2}`;
/** Also RFC 822's military letters (not J), in the day-month-year shape of e-mail and feeds only. */
const RFC_ZONE = `${ZONE}|[A-IK-Y]`;
const time = (zone: string) => String.raw`(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp]\.?[Mm]\.?)?)?\s*(${zone})?`;
const TIME = time(ZONE);
const RE_ISOISH = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`, 'i');
const RE_NUMERIC = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`, 'i');
/** A letter of a month's or weekday's name, accented ones too (Portuguese `Sáb`, French `févr.`, German `März`). */
const NAME_LETTER = String.raw`[A-Za-z\u00C0-\u024F]`;
const RE_DAY_MONTHNAME = new RegExp(
  String.raw`^(?:${NAME_LETTER}{2,9}\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th|\.)?[\s-]+(${NAME_LETTER}{3,10}\.?)[\s,-]+(\d{4}|\d{2})${time(RFC_ZONE)}$`,
  'i',
);
const RE_MONTHNAME_DAY = new RegExp(String.raw`^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`, 'i');
const RE_COMPACT = /^(\d{4})(\d{2})(\d{2})(?:[T\s]?(\d{2})(\d{2})(\d{2})?)?Z?$/;
/** Twitter's API and X archives (`Wed Oct 10 20:19:24 +0000 2018`), and C's asctime without the zone: the year last. */
const RE_CTIME = new RegExp(String.raw`^[A-Za-z]{3},?\s+([A-Za-z]{3,9})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\s+(${ZONE}))?\s+(\d{4})$`, 'i');

function timeParts(m: RegExpExecArray, from: number): Omit<Parts, 'year' | 'month' | 'day'> {
  return {
    hour: m[from] !== undefined ? Number(m[from]) : undefined,
    minute: m[from + 1] !== undefined ? Number(m[from + 1]) : undefined,
    second: m[from + 2] !== undefined ? Number(m[from + 2]) : undefined,
    ms: m[from + 3] !== undefined ? Number(m[from + 3]!.slice(0, 3).padEnd(3, '0')) : undefined,
    meridiem: m[from + 4]?.replace(/\./g, ''),
    offset: parseOffset(m[from + 5]),
  };
}

function fromEpoch(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const ms = Math.abs(n) < 1e11 ? n * 1000 : Math.abs(n) < 1e14 ? n : Math.trunc(n / 1000);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Longer than any written date with its time and zone. */
export const MAX_DATE_TEXT = 100;

/** The patterns of the date readers, for the regex audit (test/security/regex-audit.test.ts). */
export const DATE_PATTERNS = (): RegExp[] => [RE_ISOISH, RE_NUMERIC, RE_DAY_MONTHNAME, RE_MONTHNAME_DAY, RE_COMPACT, RE_CTIME];

/** The legacy-date reader; undefined when the value is not a date it recognises. */
export function parseLegacyDate(value: unknown, preferred: DayOrder = 'DMY'): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 19000101 && value <= 21991231) {
      const compact = parseLegacyDate(String(value), preferred);
      if (compact) return compact;
    }
    return fromEpoch(value);
  }
  if (typeof value !== 'string') return undefined;
  // No date is longer; a longer cell is not looked at by the patterns below (bounded work per cell).
  if (value.length > MAX_DATE_TEXT) return undefined;
  // Composed, so that an accented letter is one character (`März` from a decomposed file name or Mac text).
  let text = value.trim().normalize('NFC');
  // Notion writes a date property as a mention, `@December 1, 2024`, and a range as `start → end`.
  if (text.startsWith('@')) {
    // By index, not a pattern: `\s+→\s+` backtracks on long runs of spaces (the regex audit).
    const ends = [text.indexOf('→'), text.indexOf('->')].filter((i) => i > 0);
    text = text.slice(1, ends.length ? Math.min(...ends) : undefined).trim();
  }
  if (text === '' || text.length > 64) return undefined;

  let m = RE_COMPACT.exec(text);
  if (m) {
    const year = Number(m[1]);
    if (year >= 1900 && year <= 2199) {
      const iso = fromParts({
        year,
        month: Number(m[2]),
        day: Number(m[3]),
        hour: m[4] ? Number(m[4]) : undefined,
        minute: m[5] ? Number(m[5]) : undefined,
        second: m[6] ? Number(m[6]) : undefined,
      });
      if (iso) return iso;
    }
  }
  if (/^-?\d{9,17}(?:\.\d+)?$/.test(text)) return fromEpoch(Number(text));

  m = RE_ISOISH.exec(text);
  if (m) return fromParts({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), ...timeParts(m, 4) });

  m = RE_NUMERIC.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const separator = m[2];
    const time = timeParts(m, 5);
    let order: DayOrder;
    if (a > 12 && b <= 12) order = 'DMY';
    else if (b > 12 && a <= 12) order = 'MDY';
    else if (separator === '.') order = 'DMY';
    else if (time.meridiem) order = 'MDY';
    else order = preferred;
    const [day, month] = order === 'DMY' ? [a, b] : [b, a];
    return fromParts({ year: fullYear(m[4]!), month, day, ...time });
  }

  m = RE_DAY_MONTHNAME.exec(text);
  if (m) {
    const month = monthFromName(m[2]!);
    // With a zone it is the e-mail/feed form, whose two-digit years follow RFC 2822 rather than POSIX.
    const year = m[9] !== undefined ? rfcYear(m[3]!) : fullYear(m[3]!);
    if (month) return fromParts({ year, month, day: Number(m[1]), ...timeParts(m, 4) });
  }
  m = RE_CTIME.exec(text);
  if (m) {
    const month = monthFromName(m[1]!);
    if (!month) return undefined;
    return fromParts({
      year: Number(m[7]),
      month,
      day: Number(m[2]),
      hour: Number(m[3]),
      minute: Number(m[4]),
      second: Number(m[5]),
      offset: parseOffset(m[6]),
    });
  }
  m = RE_MONTHNAME_DAY.exec(text);
  if (m) {
    const month = monthFromName(m[1]!);
    if (month) return fromParts({ year: Number(m[3]), month, day: Number(m[2]), ...timeParts(m, 4) });
  }
  // RFC 2822 (e-mail, RSS): "Tue, 01 Jan 2024 10:00:00 +0000" is covered above without its weekday's comma
  // variants; Date.parse is exact for this one well-specified shape.
  if (/^[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(:\d{2})?\s+(GMT|UTC|[+-]\d{4})$/.test(text)) {
    const t = Date.parse(text);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  return undefined;
}

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const isDigit = (c: string) => c >= '0' && c <= '9';
const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/**
 * The tokens parseDate(format) understands; anything else in a format is literal text. `starts`: every character
 * the token's text can begin with. `tail`: for a token of variable width, which characters its end may take.
 */
const FORMAT_TOKENS: Record<string, { pattern: string; part: keyof Parts | 'monthName' | 'year2'; starts: string; tail?: (c: string) => boolean }> = {
  YYYY: { pattern: '(\\d{4})', part: 'year', starts: DIGITS },
  YY: { pattern: '(\\d{2})', part: 'year2', starts: DIGITS },
  MMMM: { pattern: '([A-Za-z]{3,9})', part: 'monthName', starts: LETTERS, tail: isLetter },
  MMM: { pattern: '([A-Za-z]{3,4}\\.?)', part: 'monthName', starts: LETTERS, tail: (c) => isLetter(c) || c === '.' },
  MM: { pattern: '(\\d{2})', part: 'month', starts: DIGITS },
  M: { pattern: '(\\d{1,2})', part: 'month', starts: DIGITS, tail: isDigit },
  DD: { pattern: '(\\d{2})', part: 'day', starts: DIGITS },
  D: { pattern: '(\\d{1,2})', part: 'day', starts: DIGITS, tail: isDigit },
  HH: { pattern: '(\\d{2})', part: 'hour', starts: DIGITS },
  H: { pattern: '(\\d{1,2})', part: 'hour', starts: DIGITS, tail: isDigit },
  hh: { pattern: '(\\d{2})', part: 'hour', starts: DIGITS },
  h: { pattern: '(\\d{1,2})', part: 'hour', starts: DIGITS, tail: isDigit },
  mm: { pattern: '(\\d{2})', part: 'minute', starts: DIGITS },
  ss: { pattern: '(\\d{2})', part: 'second', starts: DIGITS },
  SSS: { pattern: '(\\d{3})', part: 'ms', starts: DIGITS },
  A: { pattern: '([AaPp][Mm])', part: 'meridiem', starts: 'AaPp' },
  a: { pattern: '([AaPp][Mm])', part: 'meridiem', starts: 'AaPp' },
  Z: { pattern: '(Z|[+-]\\d{2}:?\\d{2})', part: 'offset', starts: 'Z+-' },
};
const TOKEN_ORDER = Object.keys(FORMAT_TOKENS).sort((a, b) => b.length - a.length);

export type DateReader = (value: unknown) => string | undefined;

/**
 * The regex of a format such as `DD.MM.YYYY HH:mm` (a user's, from a mapping): throws a readable message for a
 * useless or ambiguous one. Linear by construction: a token of variable width (`D`, `M`, `H`, `h`, `MMM`,
 * `MMMM`) must be followed by the end or by something that cannot continue it (`D.M`, not `DM`), so the regex
 * never has two ways to split the same characters. `YYYYMDHMDH…` once backtracked 2^60 ways on a digit cell.
 */
export function dateFormatRegex(format: string): { regex: RegExp; parts: (keyof Parts | 'monthName' | 'year2')[] } {
  if (format.length === 0 || format.length > 64) throw new Error('the date format must be 1 to 64 characters');
  let pattern = '';
  const parts: (keyof Parts | 'monthName' | 'year2')[] = [];
  let open: { token: string; tail: (c: string) => boolean } | undefined;
  const follows = (what: string, starts: string) => {
    if (open && [...starts].some(open.tail)) {
      throw new Error(
        `in the date format, "${open.token}" followed by "${what}" can be read more than one way; put a separator between them (or use the fixed-width form, such as DD for D)`,
      );
    }
  };
  let i = 0;
  while (i < format.length) {
    if (format[i] === '[') {
      // [literal] as in moment/dayjs: text in brackets is never a token.
      const end = format.indexOf(']', i);
      if (end < 0) throw new Error('a "[" in the date format is not closed');
      const literal = format.slice(i + 1, end);
      if (literal) {
        follows(literal, literal[0]!);
        open = undefined;
      }
      pattern += escapeRegex(literal);
      i = end + 1;
      continue;
    }
    const token = TOKEN_ORDER.find((t) => format.startsWith(t, i));
    if (token) {
      const spec = FORMAT_TOKENS[token]!;
      follows(token, spec.starts);
      open = spec.tail ? { token, tail: spec.tail } : undefined;
      pattern += spec.pattern;
      parts.push(spec.part);
      i += token.length;
    } else {
      follows(format[i]!, format[i]!);
      open = undefined;
      pattern += escapeRegex(format[i]!);
      i++;
    }
  }
  if (!parts.includes('year') && !parts.includes('year2')) throw new Error('the date format needs a year (YYYY or YY)');
  if (!parts.includes('month') && !parts.includes('monthName')) throw new Error('the date format needs a month (MM, M or MMM)');
  return { regex: new RegExp(`^${pattern}$`), parts };
}

/** Compiles a format such as `DD.MM.YYYY HH:mm` once; throws a readable message for a useless format. */
export function compileDateFormat(format: string): DateReader {
  const { regex, parts } = dateFormatRegex(format);
  return (value) => {
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    const text = String(value);
    if (text.length > MAX_DATE_TEXT) return undefined;
    const m = regex.exec(text.trim());
    if (!m) return undefined;
    const p: Parts = { year: 0, month: 0, day: 1 };
    for (let k = 0; k < parts.length; k++) {
      const text = m[k + 1]!;
      const part = parts[k]!;
      if (part === 'year2') p.year = fullYear(text);
      else if (part === 'monthName') {
        const month = monthFromName(text);
        if (!month) return undefined;
        p.month = month;
      } else if (part === 'meridiem') p.meridiem = text;
      else if (part === 'offset') p.offset = parseOffset(text);
      else (p as unknown as Record<string, number>)[part] = Number(text);
    }
    return fromParts(p);
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
