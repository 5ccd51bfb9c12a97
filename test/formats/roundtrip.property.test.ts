/**
 * Every format, every data type: export then import (format and type detected) gives back every record
 * exactly, for generated records full of hostile text, metadata of every JSON type and tags with commas.
 */
import { describe as group, expect, test } from 'vitest';
import fc from 'fast-check';
import { DATA_TYPES, FORMATS, describe, roundTrip } from './helpers.ts';
import { seed } from './arbitraries.ts';

const RUNS = Number(process.env.FORMAT_PROPERTY_RUNS ?? 12);

for (const format of FORMATS) {
  group(`${format} round trip`, () => {
    for (const dataType of DATA_TYPES) {
      test(`${dataType}: generated records come back exactly`, async () => {
        await fc.assert(
          fc.asyncProperty(seed, async (records) => {
            const result = await roundTrip(format, dataType, records);
            expect(result.importResult.status, describe(result.importResult)).toBe('completed');
            expect(result.after).toEqual(result.before);
          }),
          { numRuns: RUNS },
        );
      });
    }
  });
}
