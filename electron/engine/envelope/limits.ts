/**
 * Caps on decompression, so a small file cannot expand into gigabytes (a "zip bomb"). The output is counted on
 * the streaming path (zlib's `maxOutputLength` only guards the one-shot functions).
 */
export interface DecompressionLimits {
  /** The most plain bytes one input may expand to. */
  maxBytes: number;
  /** The most plain bytes per compressed byte, checked once the output passes `ratioFloorBytes`. */
  maxRatio: number;
  /** Below this much output the ratio is not checked (a tiny file of repeated text is not a bomb). */
  ratioFloorBytes: number;
}

export const DEFAULT_DECOMPRESSION_LIMITS: DecompressionLimits = {
  maxBytes: 8 * 1024 ** 3,
  maxRatio: 200,
  ratioFloorBytes: 32 * 1024 ** 2,
};

export function resolveLimits(partial: Partial<DecompressionLimits> | undefined): DecompressionLimits {
  return { ...DEFAULT_DECOMPRESSION_LIMITS, ...Object.fromEntries(Object.entries(partial ?? {}).filter(([, v]) => v !== undefined)) };
}
