import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Icon, svgPaths } from './Icon.js';

describe('Icon', () => {
  it('is decorative: hidden from assistive technology and never focusable', () => {
    const { container } = render(<Icon name="play" className="extra" />);
    const svg = container.querySelector('svg')!;
    expect(svg).toHaveAttribute('aria-hidden', 'true');
    expect(svg).toHaveAttribute('focusable', 'false');
    expect(svg).toHaveClass('icon', 'extra');
  });

  it('draws the Fluent glyph’s filled paths in the text colour', () => {
    const { container } = render(<Icon name="folder" />);
    const svg = container.querySelector('svg')!;
    expect(svg).toHaveAttribute('fill', 'currentColor');
    expect(svg.querySelectorAll('path').length).toBeGreaterThan(0);
    expect(svg.querySelector('path')?.getAttribute('d')).toMatch(/^M/);
  });

  it('keeps only the paths of an SVG file', () => {
    expect(svgPaths('<svg viewBox="0 0 20 20"><path d="M1 1h2"/><path fill="x" d="M3 3z"/></svg>')).toEqual(['M1 1h2', 'M3 3z']);
  });
});
