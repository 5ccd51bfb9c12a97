/** One name comparison for the engine's suggestions and the renderer's mapping editor (they used to differ). */
import { describe, expect, it } from 'vitest';
import { normaliseName as engine } from '../../electron/engine/mapping/suggest.ts';
import { normaliseName as editor } from '../../renderer/src/features/import/targets.ts';

describe('normaliseName', () => {
  it('is the same function on both sides', () => {
    expect(editor).toBe(engine);
  });
  it('ignores case, punctuation and word style, and keeps letters beyond ASCII', () => {
    expect(engine('Created (UTC)')).toBe(engine('created_utc'));
    expect(engine('HTMLParser')).toBe('htmlparser');
    expect(engine('Título')).toBe('título');
    expect(engine('Título')).not.toBe(engine('T-ulo'));
  });
});
