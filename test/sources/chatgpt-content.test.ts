/** ChatGPT content types beyond plain text, and which thread ChatGPT shows (the shapes of its export). */
import { describe, expect, it } from 'vitest';
import { messageText } from '../../electron/engine/sources/chatgpt/content.ts';
import { visibleThread } from '../../electron/engine/sources/chatgpt/thread.ts';

describe('chatgpt message content', () => {
  it('multimodal_text: text parts and transcribed audio as text, images as a placeholder naming the file', () => {
    const { text, assets } = messageText({
      content_type: 'multimodal_text',
      parts: [
        { content_type: 'image_asset_pointer', asset_pointer: 'file-service://file-abc', width: 10 },
        'What is in this picture?',
        { content_type: 'audio_transcription', text: 'and this' },
      ],
    });
    expect(text).toBe('[image: file-service://file-abc]\n\nWhat is in this picture?\n\nand this');
    expect(assets).toEqual(['file-service://file-abc']);
  });

  it('code in its language; reasoning and hidden context give nothing', () => {
    expect(messageText({ content_type: 'code', language: 'python', text: 'print(1)\r\n' }).text).toBe('```python\nprint(1)\n\n```');
    expect(messageText({ content_type: 'thoughts', thoughts: [{ content: 'secret' }] }).text).toBe('');
    expect(messageText({ content_type: 'user_editable_context', user_profile: 'x' }).text).toBe('');
    expect(messageText({ content_type: 'tether_quote', title: 'A page', text: 'quoted' }).text).toBe('A page\n\nquoted');
  });
});

describe('chatgpt visible thread', () => {
  const mapping = {
    root: { parent: null, children: ['q'], message: null },
    q: { parent: 'root', children: ['a1', 'a2'], message: { create_time: 1 } },
    a1: { parent: 'q', children: [], message: { create_time: 2 } },
    a2: { parent: 'q', children: [], message: { create_time: 3 } },
  };
  it('is the path from current_node up to the root; the rest are other branches', () => {
    expect(visibleThread(mapping, 'a1')).toEqual({ visible: ['root', 'q', 'a1'], others: ['a2'] });
  });
  it('without current_node, the branch ending in the latest message, and it says so', () => {
    const thread = visibleThread(mapping, undefined);
    expect(thread.visible).toEqual(['root', 'q', 'a2']);
    expect(thread.leafNote).toMatch(/no current_node/);
  });
});
