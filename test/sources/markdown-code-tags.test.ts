/**
 * `#words` inside code are not tags (CommonMark decides what is code): fenced blocks, indented code blocks and code
 * spans, also a code span that crosses a line ending. The real note is obsidian-importer's own test of this.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineTags } from '../../electron/engine/sources/markdown-notes/index.ts';

const REAL = path.resolve(__dirname, '../fixtures/real/markdown-importer');

describe('inline tags and code (obsidianmd/obsidian-importer tests/markdown/code.md)', () => {
  it('finds the tags obsidian-importer expects, and (#tag) in brackets as our rule reads it', () => {
    const note = fs.readFileSync(path.join(REAL, 'code.md'), 'utf8');
    // obsidian-importer's tests/markdown/expected/code/tags-as-properties.md: shell, after-fence, 1a. Our rule
    // differs on one: `(#unclaimed)` is a tag here, since link targets are taken out before tags are read
    // (withoutLinkTargets), so the `](#heading)` that importer guards against cannot read as one.
    expect(inlineTags(note)).toEqual(['shell', 'after-fence', '1a', 'unclaimed']);
  });
});

describe('inline tags: what CommonMark calls code', () => {
  it('an indented code block (4 spaces or a tab after a blank line) holds no tags', () => {
    expect(inlineTags('A real tag. #shell\n\n    #indented code\n')).toEqual(['shell']);
    expect(inlineTags('text\n\n\t#tabbed code\n\nafter #real')).toEqual(['real']);
    expect(inlineTags('    #first-line code\n')).toEqual([]);
  });

  it('an indented line that continues a paragraph or a list item is no code', () => {
    expect(inlineTags('a paragraph\n    #lazy continues it\n')).toEqual(['lazy']);
    expect(inlineTags('- item\n\n    #in-item paragraph\n')).toEqual(['in-item']);
    expect(inlineTags('1. item\n\n       #item-code\n')).toEqual([]); // 4 past the item's content: code in the item
    expect(inlineTags('> quoted\n\n>     #quoted-code\n')).toEqual([]);
  });

  it('a code span may cross line endings within a paragraph, closed by a run of as many backticks', () => {
    expect(inlineTags('over two lines: `inside\n#multiline-code\nstill inside`.\n')).toEqual([]);
    expect(inlineTags('``a ` #in-double\n``  #after')).toEqual(['after']);
    expect(inlineTags('`` open\n#not-closed-by-one ` \n')).toEqual(['not-closed-by-one']);
    // A blank line ends the paragraph, and a backtick left open there is just a backtick.
    expect(inlineTags('`open\n\n#outside `')).toEqual(['outside']);
    expect(inlineTags('\\`escaped #tag `')).toEqual(['tag']);
  });

  it('the fixture note from the bug report: only #shell', () => {
    const note =
      '# Notes\n\nA real tag. #shell\n\nIndented code follows:\n\n    #indented code\n\nA code span over two lines: `inside\n#multiline-code\nstill inside`.\n';
    expect(inlineTags(note)).toEqual(['shell']);
  });

  it('fences still hide their tags; a longer fence closes a shorter one, not the other way', () => {
    expect(inlineTags('````\n```\n#inside\n````\n#out')).toEqual(['out']);
    expect(inlineTags('- item\n  ```\n  #in-fence\n  ```\n- #next')).toEqual(['next']);
  });

  it('stays linear on runs of backticks, indents and markers', () => {
    const started = Date.now();
    expect(inlineTags('`a ``b '.repeat(40_000))).toEqual([]);
    expect(inlineTags('> a\nb\n'.repeat(50_000))).toEqual([]);
    expect(inlineTags(Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i % 40)}- a`).join('\n'))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
