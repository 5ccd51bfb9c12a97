/**
 * Evernote ENEX: `<en-export><note>…</note>…</en-export>`. One `<note>` is one context: title, ENML content as
 * Markdown, `<created>`/`<updated>` (`20230513T123501Z`), `<tag>`s, `<resource>`s as attachments (mime type and
 * file name; the bytes decoded, not base64 left in metadata) and `<note-attributes>` in metadata. An .enex file
 * is one notebook, which becomes the session. Encrypted blocks stay encrypted (metadata.encrypted, a marker in
 * the content, a warning): the passphrase is not in the export. Streamed: the splitter cuts one `<note>` at a
 * time out of the text, so a multi-gigabyte export needs memory for one note.
 */
import crypto from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { RawRecord } from '../../formats/codec.ts';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import { decodeText } from '../../formats/text.ts';
import { splitXmlRecords } from '../../formats/xml/splitter.ts';
import { decodeEntities } from '../../formats/xml/escape.ts';
import type { ExpandedInput, InputEntry, SourcePreset, SourceReadContext } from '../source.ts';
import { sourceMetadata, sourceRecordId } from '../identity.ts';
import { extOf, mimeOf, stem } from '../shared/files.ts';
import { enmlToMarkdown, type EncryptedBlock, type MediaRef } from './enml.ts';

const ID = 'evernote';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  isArray: (name) => ['note', 'tag', 'resource', 'application-data'].includes(name),
  maxNestedTags: 100,
});

type Node = string | { '#text'?: string; '#cdata'?: string; [key: string]: unknown } | undefined;

/** An element's text: CDATA as is, the rest with its entity references decoded. */
function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return decodeEntities(node);
  if (Array.isArray(node)) return node.map(text).join('');
  const n = node as Exclude<Node, string | undefined>;
  return (n['#cdata'] !== undefined ? String(n['#cdata']) : '') + (n['#text'] !== undefined ? decodeEntities(String(n['#text'])) : '');
}

/** `20230513T123501Z` → `2023-05-13T12:35:01.000Z`. */
export function evernoteDate(value: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value.trim());
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function isEnex(entry: InputEntry): boolean {
  return extOf(entry.path) === '.enex';
}

export const evernoteSource: SourcePreset = {
  id: ID,
  label: 'Evernote export',
  description: 'Evernote .enex files: one note is one context (ENML as Markdown, tags, dates, attachments); a file is a notebook, which becomes a session.',
  accepts: ['.enex', 'folder or .zip of .enex'],
  async detect(input: ExpandedInput) {
    let score = 0;
    for (const entry of input.entries.slice(0, 50)) {
      const head = (await entry.head(2048)).toString('utf8');
      if (/<en-export[\s>]/.test(head)) return 0.95;
      if (isEnex(entry)) score = 0.8;
    }
    return score;
  },
  read: readEnex,
};

async function* readEnex(input: ExpandedInput, context: SourceReadContext): AsyncGenerator<RawRecord> {
  let recordNumber = 0;
  context.count('notes', 0);
  for (const entry of input.entries) {
    if (!isEnex(entry) && !/<en-export[\s>]/.test((await entry.head(2048)).toString('utf8'))) continue;
    const notebook = stem(entry.path);
    const sessionId = sourceRecordId(ID, `notebook:${entry.path}`, 'ses');
    let sessionMade = false;
    let position = 0;
    try {
      for await (const piece of splitXmlRecords(decodeText(entry.open()), context.maxRecordBytes)) {
        if (context.signal?.aborted) return;
        position++;
        recordNumber++;
        const where = `${entry.display}, note ${position} (line ${piece.line})`;
        const valid = XMLValidator.validate(piece.text);
        if (valid !== true) {
          yield { recordNumber, line: piece.line, error: { code: ERROR_CODES.PARSE_ERROR, message: `${where}: ${valid.err.msg}`, file: entry.display } };
          continue;
        }
        let note: Record<string, unknown>;
        try {
          const parsed = parser.parse(piece.text) as { note?: Record<string, unknown>[] };
          note = parsed.note?.[0] ?? {};
        } catch (error) {
          yield {
            recordNumber,
            line: piece.line,
            error: { code: ERROR_CODES.PARSE_ERROR, message: `${where}: ${(error as Error).message}`, file: entry.display },
          };
          continue;
        }
        const warnings: string[] = [];
        const title = text(note.title).trim() || 'Untitled';
        const created = evernoteDate(text(note.created));
        const updated = evernoteDate(text(note.updated));
        let createdAt = created;
        if (!createdAt) {
          createdAt = updated ?? (entry.mtime ?? new Date()).toISOString();
          warnings.push(
            `${where} ("${title}"): no <created> date; used ${updated ? 'its <updated> date' : entry.mtime ? "the file's modification time" : 'the import time'} (${createdAt}).`,
          );
        }

        // Resources first: the content refers to them by the MD5 of their bytes.
        const media = new Map<string, MediaRef>();
        const attachments = [];
        const usedNames = new Set<string>();
        for (const resource of (note.resource as Record<string, unknown>[] | undefined) ?? []) {
          const data = Buffer.from(text(resource.data).replace(/\s+/g, ''), 'base64');
          const mimeType = text(resource.mime).trim() || 'application/octet-stream';
          const attrs = (resource['resource-attributes'] ?? {}) as Record<string, unknown>;
          const hash = crypto.createHash('md5').update(data).digest('hex');
          let name = text(attrs['file-name']).trim() || `${hash}${extensionFor(mimeType)}`;
          if (usedNames.has(name)) name = `${hash.slice(0, 8)}-${name}`;
          usedNames.add(name);
          media.set(hash, { name, mimeType });
          attachments.push({ name, mimeType: mimeType || mimeOf(name), data: data.toString('base64'), size: data.length });
          context.count('attachments');
        }
        let content = '';
        let encrypted: EncryptedBlock[] = [];
        try {
          content = await enmlToMarkdown(text(note.content), media, encrypted);
        } catch (error) {
          warnings.push(`${where} ("${title}"): its ENML could not be converted (${(error as Error).message}); the raw ENML is the content.`);
          content = text(note.content);
          encrypted = []; // still in the raw ENML, whole
        }
        if (encrypted.length) {
          // Evernote encrypts with the user's passphrase, which an export does not carry: kept as written, to decrypt later.
          context.count('encrypted blocks kept', encrypted.length);
          warnings.push(
            `${where} ("${title}"): ${encrypted.length} encrypted block(s) kept encrypted, not decrypted (ciphertext, hint, cipher and length in metadata.encrypted; the content marks where).`,
          );
        }

        const tags = ((note.tag as unknown[] | undefined) ?? []).map((t) => text(t).trim()).filter(Boolean);
        const attributes: Record<string, unknown> = {};
        const rawAttributes = (note['note-attributes'] ?? {}) as Record<string, unknown>;
        if (typeof rawAttributes === 'object') {
          for (const [key, value] of Object.entries(rawAttributes)) {
            if (key.startsWith('#') || key.startsWith('@')) continue;
            if (key === 'application-data') {
              const appData: Record<string, string> = {};
              for (const item of value as Record<string, unknown>[]) appData[String(item['@key'] ?? '')] = text(item);
              attributes.applicationData = appData;
              continue;
            }
            const v = text(value).trim();
            // `source` is the preset's identity field; Evernote's own `source` (e.g. "web.clip") is kept beside it.
            attributes[key === 'source' ? 'evernoteSource' : camel(key)] =
              evernoteDate(v) ?? (/^-?\d+(\.\d+)?$/.test(v) && ['latitude', 'longitude', 'altitude'].includes(key) ? Number(v) : v);
          }
        }
        const guid = text(note.guid).trim();
        const sourceId = guid || `${entry.path}#${position}:${title}@${text(note.created).trim()}`;
        if (!sessionMade) {
          sessionMade = true;
          context.count('notebooks');
          yield {
            recordNumber,
            recordType: 'sessions',
            value: { id: sessionId, name: notebook, description: '', createdAt, metadata: sourceMetadata(ID, `notebook:${entry.path}`) },
          };
          recordNumber++;
        }
        context.count('notes');
        yield {
          recordNumber,
          line: piece.line,
          recordType: 'contexts',
          value: {
            id: sourceRecordId(ID, sourceId),
            title,
            content,
            type: 'note',
            tags,
            sessionId,
            createdAt,
            ...(updated ? { updatedAt: updated } : {}),
            metadata: sourceMetadata(ID, sourceId, { ...attributes, ...(guid ? { guid } : {}), ...(encrypted.length ? { encrypted } : {}) }),
            ...(attachments.length ? { attachments } : {}),
          },
          warnings,
        };
      }
    } catch (error) {
      recordNumber++;
      yield { recordNumber, error: { code: ERROR_CODES.PARSE_ERROR, message: `${entry.display}: ${(error as Error).message}`, file: entry.display } };
    }
  }
}

function extensionFor(mime: string): string {
  const map: Record<string, string> = {
    'image/png': '.png',
    'image/jpeg': '.jpg',
    'image/gif': '.gif',
    'application/pdf': '.pdf',
    'audio/mpeg': '.mp3',
    'audio/wav': '.wav',
    'text/plain': '.txt',
  };
  return map[mime] ?? '';
}
