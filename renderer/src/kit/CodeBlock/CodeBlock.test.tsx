import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CodeBlock } from './CodeBlock.js';

describe('CodeBlock', () => {
  it('keeps its text as it is and can be a named, focusable block', () => {
    render(<CodeBlock label="File preview">{'{\n  "a": 1\n}'}</CodeBlock>);
    const block = screen.getByLabelText('File preview');
    expect(block.textContent).toBe('{\n  "a": 1\n}');
    expect(block).toHaveAttribute('tabindex', '0');
  });
});
