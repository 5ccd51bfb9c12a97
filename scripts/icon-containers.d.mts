// Types of scripts/icon-containers.mjs, for the tests that read the icons back.
export function pngSize(png: Buffer): { width: number; height: number };
export function pngRgba(png: Buffer): { width: number; height: number; rgba: Buffer };
export function writeIco(pngs: Buffer[]): Buffer;
export function writeIcns(pngs: Buffer[]): Buffer;
export const ICNS_TYPES: Record<number, string>;
export function readIcns(file: Buffer): { type: string; data: Buffer }[];
export function readIco(file: Buffer): { width: number; height: number; bits: number; data: Buffer }[];
