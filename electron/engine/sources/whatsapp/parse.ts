/**
 * WhatsApp's "Export chat" text, as the phones write it:
 *   Android  `12/9/20, 23:55 - Bob: hello`   (also `11:55 PM`, `09.12.20`, `2020-12-09`)
 *   iOS      `[12/9/20, 23:55:10] Bob: hello` (often behind a U+200E mark)
 * A line that starts no message continues the one before it (a message with line breaks); a header without
 * `Name:` is the app's own notice ("Alice created group …", "Messages and calls are end-to-end encrypted").
 * The day order is the phone's locale and is not written down: it is read from the whole chat (a first number
 * above 12 means day-first, a second above 12 month-first); when no line tells, day-first, and the caller warns.
 */
export interface ChatLine {
  /** The date parts as written: [first, second, year]. */
  parts: [number, number, number];
  hour: number;
  minute: number;
  second: number;
  author?: string;
  text: string;
  /** 1-based line of its header. */
  line: number;
}

// One pass per line; bounded pieces, no nested quantifiers (the regex audit reads every literal).
const HEADER = /^\u200e?\[?(\d{1,4})[-./](\d{1,2})[-./](\d{1,4}),?\s(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([AaPp])\.?\s?[Mm]\.?)?\]?(?:\s-\s|\s)(.*)$/;
/** `Name: text`, a name without a colon in it (WhatsApp writes the contact's name or number). */
const AUTHOR = /^([^:]{1,80}):\s([\s\S]*)$/;

export function isChatHeader(line: string): boolean {
  return HEADER.test(line);
}

export function parseChat(text: string): { lines: ChatLine[]; order: 'DMY' | 'MDY' | 'YMD'; orderKnown: boolean } {
  const lines: ChatLine[] = [];
  let current: ChatLine | undefined;
  const raw = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < raw.length; i++) {
    const m = HEADER.exec(raw[i]!);
    if (!m) {
      if (current) current.text += `\n${raw[i]}`;
      continue;
    }
    let hour = Number(m[4]);
    const meridiem = m[7]?.toLowerCase();
    if (meridiem === 'p' && hour < 12) hour += 12;
    if (meridiem === 'a' && hour === 12) hour = 0;
    const rest = m[8]!.replace(/^\u200e/, '');
    const said = AUTHOR.exec(rest);
    current = {
      parts: [Number(m[1]), Number(m[2]), Number(m[3])],
      hour,
      minute: Number(m[5]),
      second: Number(m[6] ?? 0),
      // iOS marks a sender who is not a contact with `~ ` (a narrow space after the tilde, often).
      author: said
        ? said[1]!
            .replace(/^\u200e|\u200e$/g, '')
            .replace(/^~\s/, '')
            .trim()
        : undefined,
      text: said ? said[2]! : rest,
      line: i + 1,
    };
    lines.push(current);
  }
  for (const l of lines) l.text = l.text.trimEnd();
  const ymd = lines.length > 0 && lines.every((l) => l.parts[0] > 31);
  const dayFirst = lines.some((l) => l.parts[0] > 12);
  const monthFirst = lines.some((l) => l.parts[1] > 12);
  const order = ymd ? 'YMD' : monthFirst && !dayFirst ? 'MDY' : 'DMY';
  return { lines, order, orderKnown: ymd || dayFirst !== monthFirst };
}

/** The line's time as ISO 8601, read as UTC (the export writes the phone's local time, no zone). */
export function chatDate(l: ChatLine, order: 'DMY' | 'MDY' | 'YMD'): string | undefined {
  const [a, b, c] = l.parts;
  const [day, month, year] = order === 'YMD' ? [c, b, a] : order === 'MDY' ? [b, a, c] : [a, b, c];
  const fullYear = year < 100 ? 2000 + year : year;
  const date = new Date(Date.UTC(fullYear, month - 1, day, l.hour, l.minute, l.second));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return undefined;
  return date.toISOString();
}
