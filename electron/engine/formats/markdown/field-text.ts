/**
 * A record's fields as the Markdown writer writes them (index.ts has the format's rules), for records and for
 * what the run writer (cell-runs.ts) does not write from bytes.
 */

export const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\uFEFF]/;
const PLAIN_KEY = /^[A-Za-z0-9_$.-]+$/;

function isPlainText(value: string): boolean {
  return (
    value !== '' && value.trim() === value && !CONTROL.test(value) && !/^["[{]/.test(value) && !/^(null|true|false)$/.test(value) && !JSON_NUMBER.test(value)
  );
}

function fenceFor(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

function block(key: string, info: string, text: string): string {
  const fence = fenceFor(text);
  return `${keyLabel(key)}\n\n${fence}${info}\n${text}\n${fence}\n\n`;
}

/** JSON on one line; the characters some editors take for line breaks are escaped too. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0085\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

export function keyLabel(key: string): string {
  return `**${PLAIN_KEY.test(key) ? key : inlineJson(key)}:**`;
}

export function fieldMarkdown(key: string, value: unknown): string {
  if (value === undefined) return '';
  if (key === 'content' && typeof value === 'string') return block(key, 'text', value);
  if (typeof value === 'string') {
    if (value.includes('\n') || value.includes('\r')) return block(key, 'text', value);
    return `${keyLabel(key)} ${isPlainText(value) ? value : inlineJson(value)}\n`;
  }
  if (key === 'tags' && Array.isArray(value) && value.length > 0 && value.every((t) => typeof t === 'string' && isPlainText(t) && !t.includes(','))) {
    return `${keyLabel(key)} ${value.join(', ')}\n`;
  }
  if (typeof value === 'object' && value !== null && !(Array.isArray(value) && value.length === 0 && key === 'tags')) {
    return block(key, 'json', JSON.stringify(value, null, 2));
  }
  return `${keyLabel(key)} ${inlineJson(value)}\n`;
}

export function recordMarkdown(value: Record<string, unknown>, n: number): string {
  const inline: string[] = [];
  const blocks: string[] = [];
  for (const key of Object.keys(value)) {
    const text = fieldMarkdown(key, value[key]);
    if (!text) continue;
    (text.endsWith('\n\n') ? blocks : inline).push(text);
  }
  return `## Item ${n}\n\n${inline.join('')}${inline.length ? '\n' : ''}${blocks.join('')}`;
}
