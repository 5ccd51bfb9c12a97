// Icon container formats, written by hand (they are small and fully specified): Windows .ico and macOS
// .icns, both around PNG images of several sizes. Used by scripts/build-icons.mjs; read back by the tests.
import zlib from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk (throws on anything that is not a PNG). */
export function pngSize(png) {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The RGBA pixels of an 8-bit RGBA, non-interlaced PNG (what Chromium's screenshots are). */
export function pngRgba(png) {
  const { width, height } = pngSize(png);
  if (png[24] !== 8 || png[25] !== 6 || png[28] !== 0) throw new Error('only 8-bit RGBA, non-interlaced PNGs are read');
  const idat = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? out[y * stride + x - 4] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a),
        pb = Math.abs(p - b),
        pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter}`);
      out[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  return { width, height, rgba: out };
}

/**
 * A Windows icon resource: 256 px as PNG (Vista and later), smaller sizes as 32-bit BMP (DIB with an AND
 * mask), which every consumer reads, NSIS's installer icon included.
 */
export function writeIco(pngs) {
  const images = pngs.map((png) => {
    const { width, height } = pngSize(png);
    if (width >= 256) return { width, height, data: png };
    return { width, height, data: dib(pngRgba(png)) };
  });
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, i) => {
    const at = 6 + 16 * i;
    header[at] = image.width >= 256 ? 0 : image.width; // 0 means 256
    header[at + 1] = image.height >= 256 ? 0 : image.height;
    header[at + 2] = 0; // no palette
    header[at + 3] = 0;
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(image.data.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += image.data.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.data)]);
}

function dib({ width, height, rgba }) {
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(width, 4);
  info.writeInt32LE(height * 2, 8); // colour rows + mask rows
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  info.writeUInt32LE(0, 16); // BI_RGB
  const pixels = Buffer.alloc(width * height * 4);
  const maskStride = Math.ceil(width / 32) * 4;
  const mask = Buffer.alloc(maskStride * height); // all 0: the alpha channel decides
  for (let y = 0; y < height; y++) {
    const row = height - 1 - y; // bottom-up
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4;
      const to = (row * width + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  info.writeUInt32LE(pixels.length + mask.length, 20);
  return Buffer.concat([info, pixels, mask]);
}

/** The icns element types that hold a PNG, by pixel size (the @2x types share a size with the next one up). */
export const ICNS_TYPES = { 16: 'icp4', 32: 'icp5', 64: 'icp6', 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };

/** A macOS icon file: 'icns', the total length, then one typed element per PNG. */
export function writeIcns(pngs) {
  const elements = pngs.map((png) => {
    const { width } = pngSize(png);
    const type = ICNS_TYPES[width];
    if (!type) throw new Error(`no icns type for ${width} px`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(elements);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}

/** The elements of an .icns file: type and data of each (throws when the lengths do not add up). */
export function readIcns(file) {
  if (file.toString('latin1', 0, 4) !== 'icns' || file.readUInt32BE(4) !== file.length) throw new Error('not an icns file');
  const elements = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at + 4);
    if (length < 8 || at + length > file.length) throw new Error('icns element runs past the end');
    elements.push({ type: file.toString('latin1', at, at + 4), data: file.subarray(at + 8, at + length) });
    at += length;
  }
  return elements;
}

/** The images of an .ico file: width, height, bit depth and data of each directory entry. */
export function readIco(file) {
  if (file.readUInt16LE(0) !== 0 || file.readUInt16LE(2) !== 1) throw new Error('not an ico file');
  const count = file.readUInt16LE(4);
  const images = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + 16 * i;
    const size = file.readUInt32LE(at + 8);
    const offset = file.readUInt32LE(at + 12);
    if (offset + size > file.length) throw new Error('ico image runs past the end');
    images.push({ width: file[at] || 256, height: file[at + 1] || 256, bits: file.readUInt16LE(at + 6), data: file.subarray(offset, offset + size) });
  }
  return images;
}
