import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Icon } from './Icon.js';

describe('Icon', () => {
  it('is decorative: hidden from assistive technology and never focusable', () => {
    const { container } = render(<Icon name="play" className="extra" />);
    const svg = container.querySelector('svg')!;
    expect(svg).toHaveAttribute('aria-hidden', 'true');
    expect(svg).toHaveAttribute('focusable', 'false');
    expect(svg).toHaveClass('icon', 'extra');
  });

  it('fills the solid glyphs and strokes the line ones, in the text colour', () => {
    const { container } = render(
      <>
        <Icon name="play" />
        <Icon name="folder" />
      </>,
    );
    const [play, folder] = [...container.querySelectorAll('svg')];
    expect(play).toHaveAttribute('fill', 'currentColor');
    expect(folder).toHaveAttribute('stroke', 'currentColor');
    expect(folder).toHaveAttribute('fill', 'none');
  });
});
