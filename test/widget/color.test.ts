import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AA_TEXT_CONTRAST, contrastRatio, readableOnSurface, readableTextOn, relativeLuminance } from '../../widget/src/color.js';
import { themeCss } from '../../widget/src/styles.js';

const hexColor = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map((rgb) => '#' + rgb.map((c) => c.toString(16).padStart(2, '0')).join(''));

describe('theme colours', () => {
  it('computes WCAG luminance and contrast', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#1565c0', '#ffffff')).toBeCloseTo(5.75, 1);
  });

  it('puts white text on dark colours and black text on light ones', () => {
    expect(readableTextOn('#1565c0')).toBe('#ffffff');
    expect(readableTextOn('#ffeb3b')).toBe('#000000');
  });

  it('gives text on any theme colour at least AA contrast', () => {
    fc.assert(fc.property(hexColor, (c) => contrastRatio(readableTextOn(c), c) >= AA_TEXT_CONTRAST));
  });

  it('darkens any theme colour until it reads as text on white and on the hover grey', () => {
    fc.assert(
      fc.property(hexColor, (c) => {
        const link = readableOnSurface(c, '#f0f0f0');
        return contrastRatio(link, '#f0f0f0') >= AA_TEXT_CONTRAST && contrastRatio(link, '#ffffff') >= AA_TEXT_CONTRAST;
      }),
    );
  });

  it('leaves a colour that already reads well unchanged', () => {
    expect(readableOnSurface('#1565c0')).toBe('#1565c0');
  });

  it('writes the theme as custom properties of the widget root', () => {
    expect(themeCss({ color: '#ffeb3b', zIndex: 5 })).toMatch(/^\.root\{--qa-accent:#ffeb3b;--qa-on-accent:#000000;--qa-link:#[0-9a-f]{6};--qa-edge:#[0-9a-f]{6};--qa-z:5\}$/);
  });
});
