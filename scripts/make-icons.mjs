// Draws Headroom's icon (a white "H" with a headroom bar over it, on a green rounded square) as PNGs
// in the sizes Office asks for (addin/assets/) and the sizes browsers ask for (extension/public/icon/,
// which WXT puts in the manifest). Run once after changing the design: `node scripts/make-icons.mjs`.
// The PNGs are committed; the builds only copy them.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const root = fileURLToPath(new URL("..", import.meta.url));
/** 16/32/80: ribbon buttons; 32/64: the add-in's icon and its high-resolution form; 128: the store. */
export const ICON_SIZES = [16, 32, 64, 80, 128];
/** Toolbar (16, 32), extensions page (48), store and install dialog (128). */
export const EXTENSION_ICON_SIZES = [16, 32, 48, 128];

const GREEN = [0x1e, 0x6b, 0x52];
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 4; // per axis: 16 samples per pixel smooth the edges

/** Coverage of the shape at (x, y) in a 1×1 design square: "bg", "mark" or null (transparent). */
function shapeAt(x, y) {
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const inRect = (x0, y0, x1, y1) => x >= x0 && x < x1 && y >= y0 && y < y1;
  // The "H": two posts and a crossbar; the bar above it is the headroom left.
  const mark =
    inRect(0.24, 0.34, 0.38, 0.82) ||
    inRect(0.62, 0.34, 0.76, 0.82) ||
    inRect(0.24, 0.52, 0.76, 0.64) ||
    inRect(0.24, 0.16, 0.76, 0.25);
  return mark ? "mark" : "bg";
}

/** RGBA pixels of one icon, supersampled. */
function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let mark = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const hit = shapeAt((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (hit === "bg") bg++;
          else if (hit === "mark") mark++;
        }
      }
      const covered = bg + mark;
      const at = (py * size + px) * 4;
      if (covered === 0) continue;
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.round((GREEN[c] * bg + WHITE[c] * mark) / covered);
      pixels[at + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG file (8-bit RGBA, no filtering) of `size`×`size` pixels. */
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const write = (dir, name, sizes) => {
    mkdirSync(`${root}/${dir}`, { recursive: true });
    for (const size of sizes) writeFileSync(`${root}/${dir}/${name(size)}`, encodePng(size, render(size)));
    console.log(`Wrote ${sizes.map(name).join(", ")} to ${dir}/`);
  };
  write("addin/assets", (size) => `icon-${size}.png`, ICON_SIZES);
  write("extension/public/icon", (size) => `${size}.png`, EXTENSION_ICON_SIZES);
}
