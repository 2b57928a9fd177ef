// Paints the unread count and the error/paused state into the tray icon's pixels (pure; no electron), as RSS Guard does.
import type { RgbaImage } from './png.ts';

export type { RgbaImage };

export interface TrayIconState {
  hasError: boolean;
  paused: boolean;
}

/** 3x5 bitmap glyphs: each string is one row, '#' is ink. */
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '###', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
};
const GLYPH_W = 3;
const GLYPH_H = 5;

type Rgba = readonly [number, number, number, number];
const BADGE_FILL: Rgba = [21, 101, 192, 255]; // blue: unread, nothing wrong
const BADGE_ERROR_FILL: Rgba = [211, 47, 47, 255]; // red: a feed has an error
const INK: Rgba = [255, 255, 255, 255];
const ERROR_DOT: Rgba = [229, 57, 53, 255];

/** The text the badge shows: '' for none, the number up to 99, then '99+'. */
export function badgeText(unread: number): string {
  if (!Number.isFinite(unread) || unread <= 0) return '';
  return unread > 99 ? '99+' : String(Math.floor(unread));
}

function blend(img: RgbaImage, x: number, y: number, c: Rgba): void {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  const i = (y * img.width + x) * 4;
  const d = img.data;
  const sa = c[3] / 255;
  const da = (d[i + 3] ?? 0) / 255;
  const oa = sa + da * (1 - sa);
  if (oa === 0) return;
  for (let k = 0; k < 3; k++) {
    const mixed = (c[k]! * sa + (d[i + k] ?? 0) * da * (1 - sa)) / oa;
    d[i + k] = Math.round(mixed);
  }
  d[i + 3] = Math.round(oa * 255);
}

function fillRect(img: RgbaImage, x0: number, y0: number, w: number, h: number, c: Rgba): void {
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) blend(img, x, y, c);
}

function fillCircle(img: RgbaImage, cx: number, cy: number, r: number, c: Rgba): void {
  for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++) {
    for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      if (dx * dx + dy * dy <= r * r) blend(img, x, y, c);
    }
  }
}

function drawText(img: RgbaImage, text: string, x0: number, y0: number, scale: number, c: Rgba): void {
  let x = x0;
  for (const ch of text) {
    const glyph = GLYPHS[ch];
    if (glyph) {
      glyph.forEach((row, gy) => {
        for (let gx = 0; gx < GLYPH_W; gx++) {
          if (row[gx] === '#') fillRect(img, x + gx * scale, y0 + gy * scale, scale, scale, c);
        }
      });
    }
    x += (GLYPH_W + 1) * scale;
  }
}

/**
 * Returns a new image: the base icon (dimmed when paused), a red dot in the top-right corner when a feed
 * has an error, and the unread count in a badge in the bottom-right corner ('99+' above 99).
 */
export function paintTrayIcon(base: RgbaImage, unread: number, state: TrayIconState): RgbaImage {
  const { width, height } = base;
  if (base.data.length !== width * height * 4) throw new Error('paintTrayIcon: data length does not match the size');
  const img: RgbaImage = { width, height, data: new Uint8Array(base.data) };
  const scale = Math.max(1, Math.floor(Math.min(width, height) / 16));

  if (state.paused) {
    // Greyed out and half transparent: polling is paused.
    for (let i = 0; i < img.data.length; i += 4) {
      const grey = Math.round(0.3 * img.data[i]! + 0.59 * img.data[i + 1]! + 0.11 * img.data[i + 2]!);
      img.data[i] = img.data[i + 1] = img.data[i + 2] = grey;
      img.data[i + 3] = Math.round(img.data[i + 3]! * 0.5);
    }
  }

  if (state.hasError) {
    const r = Math.max(2.5, Math.min(width, height) * 0.2);
    fillCircle(img, width - r, r, r + scale * 0.75, INK);
    fillCircle(img, width - r, r, r, ERROR_DOT);
  }

  const text = badgeText(unread);
  if (text !== '') {
    const textW = (text.length * (GLYPH_W + 1) - 1) * scale;
    const textH = GLYPH_H * scale;
    const badgeW = Math.min(width, textW + 2 * scale);
    const badgeH = Math.min(height, textH + 2 * scale);
    const bx = width - badgeW;
    const by = height - badgeH;
    fillRect(img, bx, by, badgeW, badgeH, state.hasError ? BADGE_ERROR_FILL : BADGE_FILL);
    drawText(img, text, bx + scale, by + scale, scale, INK);
  }
  return img;
}
