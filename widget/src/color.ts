// Owns the colour arithmetic behind a readable theme for any data-color (WCAG 2 contrast); pure, imports nothing.

/** Minimum contrast for normal text (WCAG 2.x level AA). */
export const AA_TEXT_CONTRAST = 4.5;

function channels(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex(rgb: number[]): string {
  return '#' + rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

/** WCAG relative luminance of a `#rrggbb` colour, 0 (black) … 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours, 1 … 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The text colour for a background: white or black, whichever contrasts more.
 *
 * @remarks One of the two always reaches at least 4.58:1, so text on any theme colour meets AA.
 */
export function readableTextOn(background: string): '#ffffff' | '#000000' {
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, '#000000') ? '#ffffff' : '#000000';
}

/**
 * The theme colour darkened (mixed with black) just enough to be read as text or a link on `surface`
 * (default white), at least `minimum`:1. Dark colours come back unchanged.
 */
export function readableOnSurface(color: string, surface = '#ffffff', minimum = AA_TEXT_CONTRAST): string {
  const rgb = channels(color);
  for (let keep = 1; keep > 0; keep -= 0.05) {
    const candidate = toHex(rgb.map((c) => c * keep));
    if (contrastRatio(candidate, surface) >= minimum) return candidate;
  }
  return '#000000';
}
