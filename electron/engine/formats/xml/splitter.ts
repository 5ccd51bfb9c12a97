/**
 * Finds the record elements of an XML document in its text without parsing the whole document (like
 * json/scanner.ts for JSON): it follows tags, comments, CDATA and processing instructions, keeps a stack of
 * open elements, and hands each record element's text to the parser. Memory stays at one record.
 *
 * Records are the children of the root (`<data><item>...</item></data>`), or the children of a section
 * element named after a record type (`<data><contexts><item>...</item></contexts></data>`); a root named
 * after a record type holds records of that type. A DOCTYPE is refused outright: no entity or external
 * definition can ever be processed.
 *
 * With a record path (xml/root.ts: `--root rss.channel.item`, or found in the document) the records are the
 * elements at that path instead, wherever it leads; every other element outside them is skipped.
 */
import { AppError, ERROR_CODES } from '../../../../shared/errors.ts';
import { isRecordType } from '../../../../shared/record-type.ts';
import { matchesRecordPath } from './root.ts';

export interface XmlRecordText {
  text: string;
  /** The section (a record type, or a generic list name) the record sat in, if any. */
  section?: string;
  line: number;
}

/** Section containers that say nothing about the type. */
const GENERIC_CONTAINERS = new Set(['items', 'records', 'rows', 'data']);
export const MAX_XML_DEPTH = 100;

/** The name of the open tag `buf[lt, end)`: up to white space, `/` or `>` (as `/^<([^\s/>]+)/` over 300 characters). */
function tagName(buf: string, lt: number, end: number): string | undefined {
  const limit = Math.min(end, lt + 300);
  let i = lt + 1;
  for (; i < limit; i++) {
    const c = buf.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 47 || c === 62) break;
    // Other white space (form feed, no-break space, line separators...) is rare: the regex decides.
    if (c < 32 || c > 126) return tagNameByRegex(buf, lt, end);
  }
  if (i === lt + 1) return tagNameByRegex(buf, lt, end);
  return buf.slice(lt + 1, i);
}

function tagNameByRegex(buf: string, lt: number, end: number): string | undefined {
  return /^<([^\s/>]+)/.exec(buf.slice(lt, Math.min(end, lt + 300)))?.[1];
}

export class XmlRecordSplitter {
  private buf = '';
  private pos = 0;
  private line = 1;
  private stack: string[] = [];
  private rootClosed = false;
  /** Stack depth at which record elements open (1: root children; 2: section children). */
  private sectionName: string | undefined;
  private rootSection: string | undefined;
  private recordStart = -1;
  private recordLine = 0;
  private recordDepth = 0;
  /** Where to resume looking for the end of an unfinished comment, CDATA or instruction. */
  private resumeSearch = -1;

  /**
   * `recordPath`: the record elements' path (xml/root.ts); `onRecordPath` hears the whole path, root included,
   * where the first of them was found.
   */
  constructor(
    private readonly maxRecordChars: number,
    private readonly recordPath?: readonly string[],
    private readonly onRecordPath?: (path: string[]) => void,
  ) {}
  private pathFound = false;

  private fail(message: string, code: (typeof ERROR_CODES)[keyof typeof ERROR_CODES] = ERROR_CODES.PARSE_ERROR): never {
    throw new AppError(code, `Invalid XML near line ${this.line}: ${message}`, { data: { line: this.line } });
  }

  private advance(to: number): void {
    const buf = this.buf;
    for (let i = buf.indexOf('\n', this.pos); i !== -1 && i < to; i = buf.indexOf('\n', i + 1)) this.line++;
    this.pos = to;
  }

  push(text: string, final = false): XmlRecordText[] {
    this.buf += text;
    const out: XmlRecordText[] = [];
    const buf = this.buf;
    while (true) {
      const lt = buf.indexOf('<', this.pos);
      if (lt === -1) {
        this.checkStray(this.pos, buf.length);
        this.advance(buf.length);
        break;
      }
      this.checkStray(this.pos, lt);
      this.advance(lt);
      const end = this.tokenEnd(lt, final);
      if (end === -1) break; // the token is incomplete: wait for more text
      this.handleToken(lt, end, out);
      this.advance(end);
      this.resumeSearch = -1;
    }
    // Keep only what is still needed: the open record, or the incomplete token.
    const keepFrom = this.recordStart !== -1 ? this.recordStart : this.pos;
    if (keepFrom > 0) {
      this.buf = this.buf.slice(keepFrom);
      this.pos -= keepFrom;
      if (this.recordStart !== -1) this.recordStart -= keepFrom;
      if (this.resumeSearch !== -1) this.resumeSearch -= keepFrom;
    }
    if (this.buf.length > this.maxRecordChars) {
      this.fail(
        this.recordStart !== -1
          ? `a record larger than ${this.maxRecordChars} characters (it starts on line ${this.recordLine})`
          : `a single markup item larger than ${this.maxRecordChars} characters`,
        ERROR_CODES.LIMIT_EXCEEDED,
      );
    }
    return out;
  }

  end(): void {
    if (this.buf.length > this.pos && this.buf.slice(this.pos).trim() !== '') this.fail('the document ends inside markup (is the file truncated?)');
    if (this.stack.length > 0) this.fail(`the document ends before </${this.stack[this.stack.length - 1]}> (is the file truncated?)`);
    if (!this.rootClosed) this.fail('the document has no root element');
  }

  /** Text outside records: whitespace, or content of a container, which is ignored; text outside the root is not XML. */
  private checkStray(from: number, to: number): void {
    if (this.recordStart !== -1 || from >= to) return;
    if (this.stack.length === 0 && this.buf.slice(from, to).trim() !== '') this.fail('text outside the root element');
  }

  /** The index after the token starting at `lt`, or -1 when the text so far does not hold all of it. */
  private tokenEnd(lt: number, final: boolean): number {
    const buf = this.buf;
    const find = (terminator: string, from: number) => {
      const at = buf.indexOf(terminator, Math.max(from, this.resumeSearch));
      if (at === -1) {
        this.resumeSearch = Math.max(from, buf.length - terminator.length);
        return -1;
      }
      return at + terminator.length;
    };
    if (buf.length - lt < 2) return -1;
    const next = buf[lt + 1];
    if (next === '?') return find('?>', lt + 2);
    if (next === '!') {
      if (buf.length - lt < 9 && !final) return -1;
      if (buf.startsWith('<!--', lt)) return find('-->', lt + 4);
      if (buf.startsWith('<![CDATA[', lt)) return find(']]>', lt + 9);
      if (buf.slice(lt, lt + 9).toUpperCase() === '<!DOCTYPE') {
        // `<!DOCTYPE en-export SYSTEM "…dtd">` (every Evernote export has one) only names a DTD, which is never
        // fetched. An internal subset (`[ <!ENTITY …> ]`) could define entities: that stays refused.
        if (this.stack.length > 0 || this.rootClosed) this.fail('a DOCTYPE inside the document is not XML');
        const end = find('>', lt + 9);
        if (end < 0) return end;
        if (buf.slice(lt, end).includes('[')) {
          this.fail('a DOCTYPE is not accepted when it has an internal subset (entity definitions are never processed); remove it and import again');
        }
        return end;
      }
      this.fail(`unexpected "${buf.slice(lt, lt + 9)}"`);
    }
    // A tag: ends at the first ">" outside a quoted attribute value (char codes: this runs for every tag).
    let quote = 0;
    for (let i = lt + 1; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62) return i + 1;
      else if (c === 60) this.fail('"<" inside a tag');
    }
    return -1;
  }

  private handleToken(lt: number, end: number, out: XmlRecordText[]): void {
    const buf = this.buf;
    const next = buf[lt + 1];
    if (next === '?' || next === '!') {
      if (next === '!' && buf.startsWith('<![CDATA[', lt) && this.stack.length === 0) this.fail('CDATA outside the root element');
      return;
    }
    if (next === '/') {
      const name = buf.slice(lt + 2, end - 1).trim();
      const open = this.stack.pop();
      if (open === undefined) this.fail(`</${name}> closes nothing`);
      if (open !== name) this.fail(`</${name}> closes <${open}>`);
      if (this.recordStart !== -1 && this.stack.length === this.recordDepth - 1) {
        out.push({ text: buf.slice(this.recordStart, end), section: this.sectionName ?? this.rootSection, line: this.recordLine });
        this.recordStart = -1;
      } else if (this.recordStart === -1 && this.stack.length === 1 && this.sectionName !== undefined) {
        this.sectionName = undefined;
      }
      if (this.stack.length === 0) this.rootClosed = true;
      return;
    }
    const name = tagName(buf, lt, end) ?? this.fail('a tag without a name');
    const selfClosing = buf[end - 2] === '/';
    if (this.recordPath && this.recordStart === -1) {
      this.openOnPath(this.recordPath, name, selfClosing, lt, end, out);
      return;
    }
    if (this.stack.length === 0) {
      if (this.rootClosed) this.fail(`a second root element <${name}>`);
      if (isRecordType(name)) this.rootSection = name;
      if (selfClosing) this.rootClosed = true;
      else this.stack.push(name);
      return;
    }
    if (this.recordStart === -1) {
      const atRoot = this.stack.length === 1;
      if (atRoot && this.sectionName === undefined && !this.rootSection && (isRecordType(name) || GENERIC_CONTAINERS.has(name))) {
        if (!selfClosing) {
          this.sectionName = name;
          this.stack.push(name);
        }
        return;
      }
      // A record: a child of the root, or of a section.
      if (selfClosing) {
        out.push({ text: buf.slice(lt, end), section: this.sectionName ?? this.rootSection, line: this.line });
        return;
      }
      this.recordStart = lt;
      this.recordLine = this.line;
      this.stack.push(name);
      this.recordDepth = this.stack.length;
      return;
    }
    if (!selfClosing) {
      this.stack.push(name);
      if (this.stack.length > MAX_XML_DEPTH) this.fail(`elements nested deeper than ${MAX_XML_DEPTH} levels`, ERROR_CODES.LIMIT_EXCEEDED);
    }
  }

  /** An element opening outside records when the records are the elements at `path`. */
  private openOnPath(path: readonly string[], name: string, selfClosing: boolean, lt: number, end: number, out: XmlRecordText[]): void {
    if (this.stack.length === 0 && this.rootClosed) this.fail(`a second root element <${name}>`);
    if (matchesRecordPath(path, this.stack, name)) {
      if (!this.pathFound) {
        this.pathFound = true;
        this.onRecordPath?.([...this.stack, name]);
      }
      // A parent named after a type (`<contexts><context>`) still says the records' type.
      const parent = this.stack[this.stack.length - 1];
      const section = parent !== undefined && isRecordType(parent) ? parent : undefined;
      if (selfClosing) {
        out.push({ text: this.buf.slice(lt, end), section, line: this.line });
        if (this.stack.length === 0) this.rootClosed = true;
        return;
      }
      this.sectionName = section;
      this.recordStart = lt;
      this.recordLine = this.line;
      this.stack.push(name);
      this.recordDepth = this.stack.length;
      return;
    }
    if (selfClosing) {
      if (this.stack.length === 0) this.rootClosed = true;
      return;
    }
    this.stack.push(name);
    if (this.stack.length > MAX_XML_DEPTH) this.fail(`elements nested deeper than ${MAX_XML_DEPTH} levels`, ERROR_CODES.LIMIT_EXCEEDED);
  }
}

export interface SplitOptions {
  /** The record elements' path (xml/root.ts); absent: the root's children, or its sections'. */
  recordPath?: readonly string[];
  onRecordPath?: (path: string[]) => void;
}

export async function* splitXmlRecords(chunks: AsyncIterable<string>, maxRecordChars: number, options: SplitOptions = {}): AsyncGenerator<XmlRecordText> {
  const splitter = new XmlRecordSplitter(maxRecordChars, options.recordPath, options.onRecordPath);
  for await (const chunk of chunks) yield* splitter.push(chunk);
  yield* splitter.push('', true);
  splitter.end();
}
