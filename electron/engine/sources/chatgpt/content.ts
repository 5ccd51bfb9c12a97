/**
 * A ChatGPT message's `content` as the text ChatGPT shows. `text` is its `parts`; `multimodal_text` mixes
 * strings, transcribed audio (`{ text }`) and images (`{ asset_pointer }`, shown as a placeholder naming the
 * file, whose bytes are not in conversations.json); `code` is a fenced block in its language; quotes and
 * browsing results keep their text. Reasoning (`thoughts`, `reasoning_recap`) and hidden context are not part
 * of what the conversation shows, so they give nothing.
 */

const NOT_SHOWN = new Set(['thoughts', 'reasoning_recap', 'user_editable_context', 'model_editable_context']);

export interface MessageText {
  text: string;
  /** Files the message refers to but the export does not hold (`file-service://…`). */
  assets: string[];
}

function partText(part: unknown, assets: string[]): string {
  if (typeof part === 'string') return part;
  if (typeof part !== 'object' || part === null) return '';
  const p = part as Record<string, unknown>;
  if (typeof p.asset_pointer === 'string') {
    assets.push(p.asset_pointer);
    const kind = String(p.content_type ?? '').includes('audio') ? 'audio' : 'image';
    return `[${kind}: ${p.asset_pointer}]`;
  }
  if (typeof p.text === 'string') return p.text;
  return '';
}

export function messageText(content: Record<string, unknown> | undefined): MessageText {
  const assets: string[] = [];
  if (!content) return { text: '', assets };
  const type = String(content.content_type ?? 'text');
  if (NOT_SHOWN.has(type)) return { text: '', assets };
  if (type === 'code') {
    const language = typeof content.language === 'string' && content.language !== 'unknown' ? content.language : '';
    const code = String(content.text ?? '').replace(/\r\n/g, '\n');
    return { text: code.trim() ? `\`\`\`${language}\n${code}\n\`\`\`` : '', assets };
  }
  if (Array.isArray(content.parts)) {
    const text = content.parts
      .map((part) => partText(part, assets))
      .filter((t) => t !== '')
      .join('\n\n');
    return { text, assets };
  }
  // tether_quote, execution_output, system_error and the like carry their text directly.
  const text = [content.title, content.text, content.result, content.summary].filter((v): v is string => typeof v === 'string' && v.trim() !== '').join('\n\n');
  return { text, assets };
}
