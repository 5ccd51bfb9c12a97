/**
 * The installers' icons in build/ are valid files of their formats, made from build/icon.svg: a 512 px PNG
 * for Linux, an .ico with 16–256 px images for Windows (BMP below 256, PNG at 256), an .icns whose elements
 * are PNGs of the sizes their types say for macOS. The small .ico bitmaps are checked pixel by pixel for
 * orientation (BMP rows run bottom-up): the icon's gradient is lighter at the top.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICNS_TYPES, pngRgba, pngSize, readIcns, readIco } from '../../scripts/icon-containers.mjs';

const build = path.resolve(import.meta.dirname, '../../build');

describe('build/ icons', () => {
  it('icon.png is a 512 × 512 RGBA PNG with transparent corners', () => {
    const png = fs.readFileSync(path.join(build, 'icon.png'));
    const { width, height, rgba } = pngRgba(png);
    expect({ width, height }).toEqual({ width: 512, height: 512 });
    expect(rgba[3]).toBe(0); // the top-left corner is outside the rounded square
    expect(rgba[(256 * 512 + 256) * 4 + 3]).toBe(255); // the middle is opaque
  });

  it('icon.ico holds 16 to 256 px images; the small ones are bottom-up 32-bit BMPs with a mask', () => {
    const images = readIco(fs.readFileSync(path.join(build, 'icon.ico')));
    expect(images.map((i) => i.width)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const image of images) {
      expect(image.bits).toBe(32);
      if (image.width === 256) {
        expect(pngSize(image.data)).toEqual({ width: 256, height: 256 });
        continue;
      }
      const size = image.width;
      expect(image.data.readUInt32LE(0)).toBe(40); // BITMAPINFOHEADER
      expect(image.data.readInt32LE(4)).toBe(size);
      expect(image.data.readInt32LE(8)).toBe(size * 2); // colour rows and mask rows
      expect(image.data.readUInt16LE(14)).toBe(32);
      expect(image.data.length).toBe(40 + size * size * 4 + Math.ceil(size / 32) * 4 * size);
      if (size < 48) continue;
      // Blue channel of the background near the left edge, a quarter and three quarters down the picture.
      const blueAt = (x: number, yFromTop: number) => image.data[40 + ((size - 1 - yFromTop) * size + x) * 4]!;
      const x = Math.round(size * 0.14);
      expect(blueAt(x, Math.round(size * 0.25)), `${size} px`).toBeGreaterThan(blueAt(x, Math.round(size * 0.75)));
    }
  });

  it('icon.icns holds PNG elements whose sizes match their types, up to 1024 px', () => {
    const file = fs.readFileSync(path.join(build, 'icon.icns'));
    const elements = readIcns(file);
    const bySize = Object.fromEntries(Object.entries(ICNS_TYPES).map(([size, type]) => [type, Number(size)]));
    expect(elements.map((e) => e.type)).toEqual(['icp4', 'icp5', 'icp6', 'ic07', 'ic08', 'ic09', 'ic10']);
    for (const element of elements) expect(pngSize(element.data), element.type).toEqual({ width: bySize[element.type], height: bySize[element.type] });
  });
});
