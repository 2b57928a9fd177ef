// Draws the bell icons in assets/ (app icon PNGs, .ico, .icns, tray bases) without network or image tools.
// Run once with: node test/tools/make-icons.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng, type RgbaImage } from '../../main/platform/png.ts';

const OUT = join(import.meta.dirname, '..', '..', 'assets');

/** Is (u, v) in [0,1]^2 inside the bell, with every edge pushed out by `grow`? */
function insideBell(u: number, v: number, grow: number): boolean {
  const dx = Math.abs(u - 0.5);
  const circle = (cx: number, cy: number, r: number) => Math.hypot(u - cx, v - cy) <= r + grow;
  if (circle(0.5, 0.15, 0.055)) return true; // the knob on top
  if (circle(0.5, 0.79, 0.085)) return true; // the clapper
  if (v >= 0.4 - 0.22 - grow && v <= 0.4 && circle(0.5, 0.4, 0.22)) return true; // the dome
  if (v >= 0.4 && v <= 0.66 && dx <= 0.22 + ((v - 0.4) / 0.26) * 0.08 + grow) return true; // the waist widening
  if (v >= 0.66 - grow && v <= 0.74 + grow && dx <= 0.36 + grow) return true; // the rim
  return false;
}

function draw(size: number, shade: (u: number, v: number) => [number, number, number, number] | null): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  const ss = 4; // supersampling per axis
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          if (!c) continue;
          const ca = c[3] / 255;
          r += c[0] * ca;
          g += c[1] * ca;
          b += c[2] * ca;
          a += ca;
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        data[i] = Math.round(r / a);
        data[i + 1] = Math.round(g / a);
        data[i + 2] = Math.round(b / a);
      }
      data[i + 3] = Math.round((a / (ss * ss)) * 255);
    }
  }
  return { width: size, height: size, data };
}

function appIcon(size: number): RgbaImage {
  return draw(size, (u, v) => {
    // Rounded square, blue gradient, white bell.
    const m = 0.06,
      rad = 0.2;
    const qx = Math.max(Math.abs(u - 0.5) - (0.5 - m - rad), 0);
    const qy = Math.max(Math.abs(v - 0.5) - (0.5 - m - rad), 0);
    if (Math.hypot(qx, qy) > rad) return null;
    const bu = 0.5 + (u - 0.5) / 0.72,
      bv = 0.5 + (v - 0.52) / 0.72;
    if (insideBell(bu, bv, 0)) return [255, 255, 255, 255];
    if (insideBell(bu, bv, 0.025)) return [13, 71, 161, 255];
    const t = v;
    return [Math.round(66 - 40 * t), Math.round(165 - 60 * t), Math.round(245 - 50 * t), 255];
  });
}

/** Tray base: light bell with a dark outline, readable on light and dark panels alike. */
function trayIcon(size: number): RgbaImage {
  const grow = 1.2 / size;
  return draw(size, (u, v) => {
    const bu = 0.5 + (u - 0.5) / 0.9,
      bv = 0.5 + (v - 0.5) / 0.9;
    if (insideBell(bu, bv, 0)) return [245, 245, 245, 255];
    if (insideBell(bu, bv, grow)) return [48, 48, 48, 255];
    return null;
  });
}

/** macOS template image: black plus alpha only; the system tints it for the menu bar. */
function trayTemplate(size: number): RgbaImage {
  return draw(size, (u, v) => (insideBell(0.5 + (u - 0.5) / 0.9, 0.5 + (v - 0.5) / 0.9, 0) ? [0, 0, 0, 255] : null));
}

/** .ico with PNG entries (Windows Vista and later read these). */
function ico(images: Buffer[], sizes: number[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((png, i) => {
    const e = 6 + 16 * i;
    const s = sizes[i]!;
    header[e] = s >= 256 ? 0 : s;
    header[e + 1] = s >= 256 ? 0 : s;
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images]);
}

/** .icns with PNG entries (OSType per size). */
function icns(entries: [string, Buffer][]): Buffer {
  const parts = entries.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

mkdirSync(OUT, { recursive: true });
const app: Record<number, Buffer> = {};
for (const s of [16, 32, 48, 64, 128, 256, 512, 1024]) app[s] = encodePng(appIcon(s));
for (const s of [16, 32, 256, 512]) writeFileSync(join(OUT, `icon-${s}.png`), app[s]!);
writeFileSync(join(OUT, 'icon.png'), app[512]!);
writeFileSync(
  join(OUT, 'icon.ico'),
  ico(
    [16, 32, 48, 64, 128, 256].map((s) => app[s]!),
    [16, 32, 48, 64, 128, 256],
  ),
);
writeFileSync(
  join(OUT, 'icon.icns'),
  icns([
    ['icp4', app[16]!],
    ['icp5', app[32]!],
    ['ic07', app[128]!],
    ['ic08', app[256]!],
    ['ic09', app[512]!],
    ['ic10', app[1024]!],
  ]),
);
writeFileSync(join(OUT, 'tray-16.png'), encodePng(trayIcon(16)));
writeFileSync(join(OUT, 'tray-32.png'), encodePng(trayIcon(32)));
writeFileSync(join(OUT, 'trayTemplate.png'), encodePng(trayTemplate(16)));
writeFileSync(join(OUT, 'trayTemplate@2x.png'), encodePng(trayTemplate(32)));
console.log(`icons written to ${OUT}`);
