import { describe, expect, it } from 'vitest';
import type { Context } from '../../shared/model.ts';
import { baselineOf, mergeRecord } from '../../electron/engine/reimport/merge.ts';
import { parseMergeRules } from '../../electron/engine/reimport/merge-rules.ts';

const imported: Context = {
  id: 'c1',
  title: 'Plan',
  content: 'first draft',
  type: 'note',
  tags: ['work'],
  sessionId: null,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-02T00:00:00.000Z',
  metadata: { source: 'obsidian', sourceId: 'Plan.md' },
};

describe('per-field merge', () => {
  it('a second import of the same record changes nothing', () => {
    const outcome = mergeRecord({ local: imported, incoming: { ...imported }, baseline: baselineOf(imported), onConflict: 'fail' });
    expect(outcome.unchanged).toBe(true);
    expect(outcome.conflicts).toEqual([]);
  });

  it('takes a source change to a field the user did not edit', () => {
    const incoming = { ...imported, title: 'Plan (corrected)' };
    const outcome = mergeRecord({ local: imported, incoming, baseline: baselineOf(imported), onConflict: 'fail' });
    expect(outcome.record.title).toBe('Plan (corrected)');
    expect(outcome.changes.map((c) => c.field)).toEqual(['title']);
  });

  it('keeps a local edit when the source did not change that field', () => {
    const local = { ...imported, content: 'edited here' };
    const outcome = mergeRecord({ local, incoming: { ...imported }, baseline: baselineOf(imported), onConflict: 'fail' });
    expect(outcome.record.content).toBe('edited here');
    expect(outcome.unchanged).toBe(true);
  });

  it('a field edited on both sides is a conflict, decided by the conflict choice', () => {
    const local = { ...imported, content: 'edited here' };
    const incoming = { ...imported, content: 'edited there' };
    const base = baselineOf(imported);
    const fail = mergeRecord({ local, incoming, baseline: base, onConflict: 'fail' });
    expect(fail.failed).toBe(true);
    expect(fail.conflicts).toEqual([{ field: 'content', rule: 'source', local: 'edited here', incoming: 'edited there', resolution: 'failed' }]);
    const keep = mergeRecord({ local, incoming, baseline: base, onConflict: 'keep-local' });
    expect(keep.record.content).toBe('edited here');
    expect(keep.conflicts[0]!.resolution).toBe('kept-local');
    const take = mergeRecord({ local, incoming, baseline: base, onConflict: 'take-source' });
    expect(take.record.content).toBe('edited there');
    expect(take.changes).toHaveLength(1);
  });

  it('unites tags and appends content when asked', () => {
    const local = { ...imported, tags: ['work', 'mine'] };
    const incoming = { ...imported, tags: ['work', 'theirs'], content: 'more' };
    const outcome = mergeRecord({ local, incoming, baseline: baselineOf(imported), rules: parseMergeRules('content=append'), onConflict: 'fail' });
    expect(outcome.record.tags).toEqual(['work', 'mine', 'theirs']);
    expect(outcome.record.content).toBe('first draft\n\nmore');
  });

  it('newer takes the side with the later updatedAt', () => {
    const local = { ...imported, title: 'local', updatedAt: '2024-03-01T00:00:00.000Z' };
    const incoming = { ...imported, title: 'incoming', updatedAt: '2024-02-01T00:00:00.000Z' };
    const outcome = mergeRecord({ local, incoming, rules: { title: 'newer' }, onConflict: 'fail' });
    expect(outcome.record.title).toBe('local');
  });

  it('rules are checked: an unknown field or a rule that does not fit the field is refused', () => {
    expect(() => parseMergeRules('colour=source')).toThrow(/cannot be merged/);
    expect(() => parseMergeRules('title=union')).toThrow(/not a merge rule for title/);
    expect(parseMergeRules('title=source, tags=union')).toEqual({ title: 'source', tags: 'union' });
  });
});
