import { describe, expect, it } from 'vitest';
import { singularNoun, sourceSummary } from '../../electron/engine/pipeline/read-inputs.ts';

// The detection line counts what a preset read; "1 messages on other branches dropped" was printed as is.
describe('the detection line', () => {
  it('says one of a thing in the singular and many in the plural', () => {
    expect(sourceSummary('ChatGPT export', { conversations: 1, 'messages on other branches dropped': 1, 'tool messages skipped': 2 })).toBe(
      'ChatGPT export — 1 conversation, 1 message on other branches dropped, 2 tool messages skipped',
    );
    expect(sourceSummary('mem0 memories', { memories: 1 })).toBe('mem0 memories — 1 memory');
    expect(sourceSummary('Markdown notes', { notes: 12 })).toBe('Markdown notes — 12 notes');
  });

  it('leaves a noun with no plural word alone', () => {
    expect(singularNoun('class')).toBe('class');
    expect(singularNoun('tool results skipped')).toBe('tool result skipped');
  });
});
