// The painted tray icon: the count really changes pixels, '99+' caps it, errors and pause look different.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePng, type RgbaImage } from '../../main/platform/png.ts';
import { badgeText, paintTrayIcon } from '../../main/platform/tray-icon.ts';

const ASSETS = join(import.meta.dirname, '..', '..', 'assets');
const base16 = decodePng(readFileSync(join(ASSETS, 'tray-16.png')));
const base32 = decodePng(readFileSync(join(ASSETS, 'tray-32.png')));
const ok = { hasError: false, paused: false };

function diff(a: RgbaImage, b: RgbaImage): number {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (
      a.data[i] !== b.data[i] ||
      a.data[i + 1] !== b.data[i + 1] ||
      a.data[i + 2] !== b.data[i + 2] ||
      a.data[i + 3] !== b.data[i + 3]
    )
      n++;
  }
  return n;
}
function isRed(img: RgbaImage): boolean {
  for (let i = 0; i < img.data.length; i += 4) {
    if (img.data[i]! > 180 && img.data[i + 1]! < 90 && img.data[i + 2]! < 90 && img.data[i + 3]! > 200) return true;
  }
  return false;
}
const key = (img: RgbaImage) => Buffer.from(img.data).toString('base64');

describe('badgeText', () => {
  it('is empty for no unread, the number up to 99, then 99+', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(-3)).toBe('');
    expect(badgeText(Number.NaN)).toBe('');
    expect(badgeText(1)).toBe('1');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
    expect(badgeText(123456)).toBe('99+');
  });
});

describe('paintTrayIcon', () => {
  it('reads the generated tray bases', () => {
    expect([base16.width, base16.height, base32.width, base32.height]).toEqual([16, 16, 32, 32]);
    expect(base16.data.some((v, i) => i % 4 === 3 && v > 0)).toBe(true);
  });

  it('leaves the base untouched with nothing to show, and never mutates its input', () => {
    const copy = new Uint8Array(base16.data);
    const out = paintTrayIcon(base16, 0, ok);
    expect(diff(out, base16)).toBe(0);
    paintTrayIcon(base16, 42, { hasError: true, paused: true });
    expect(base16.data).toEqual(copy);
  });

  it('paints the count: different counts give different pixels', () => {
    const images = [1, 2, 7, 10, 42, 99].map((n) => paintTrayIcon(base16, n, ok));
    for (const img of images) expect(diff(img, base16)).toBeGreaterThan(5);
    expect(new Set(images.map(key)).size).toBe(images.length);
  });

  it("caps at '99+': every count above 99 looks the same, and unlike 99", () => {
    const a = paintTrayIcon(base16, 100, ok);
    const b = paintTrayIcon(base16, 5000, ok);
    expect(key(a)).toBe(key(b));
    expect(key(a)).not.toBe(key(paintTrayIcon(base16, 99, ok)));
    // The 3-glyph badge is wider than the 2-glyph one.
    expect(diff(a, base16)).toBeGreaterThan(diff(paintTrayIcon(base16, 99, ok), base16));
  });

  it('shows errors distinctly, with and without a count (red pixels appear)', () => {
    const error = paintTrayIcon(base16, 0, { hasError: true, paused: false });
    expect(diff(error, base16)).toBeGreaterThan(5);
    expect(isRed(error)).toBe(true);
    expect(isRed(paintTrayIcon(base16, 0, ok))).toBe(false);
    expect(key(paintTrayIcon(base16, 3, { hasError: true, paused: false }))).not.toBe(key(paintTrayIcon(base16, 3, ok)));
  });

  it('greys the icon out when paused', () => {
    const paused = paintTrayIcon(base16, 0, { hasError: false, paused: true });
    expect(diff(paused, base16)).toBeGreaterThan(10);
    for (let i = 0; i < paused.data.length; i += 4) {
      expect(paused.data[i]).toBe(paused.data[i + 1]);
      expect(paused.data[i + 3]!).toBeLessThanOrEqual(Math.ceil(base16.data[i + 3]! / 2));
    }
  });

  it('scales the digits for the 32 px base and survives a PNG round trip', () => {
    const img = paintTrayIcon(base32, 150, { hasError: true, paused: false });
    expect(diff(img, base32)).toBeGreaterThan(
      4 * diff(paintTrayIcon(base16, 150, { hasError: true, paused: false }), base16) * 0.8,
    );
    const back = decodePng(encodePng(img));
    expect(back.width).toBe(32);
    expect(Buffer.from(back.data).equals(Buffer.from(img.data))).toBe(true);
  });

  it('rejects a base whose data does not match its size', () => {
    expect(() => paintTrayIcon({ width: 16, height: 16, data: new Uint8Array(10) }, 1, ok)).toThrow();
  });
});
