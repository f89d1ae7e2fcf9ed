import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Button } from './Button.js';

describe('Button', () => {
  it('is a plain button named by its text, and runs onClick', async () => {
    const onClick = vi.fn();
    render(<Button onClick={onClick}>Open</Button>);
    const button = screen.getByRole('button', { name: 'Open' });
    expect(button).toHaveAttribute('type', 'button');
    await userEvent.click(button);
    expect(onClick).toHaveBeenCalledOnce();
  });

  it('names an icon-only button by its label, also as its tooltip', () => {
    render(<Button icon="trash" label="Remove device 1" />);
    const button = screen.getByRole('button', { name: 'Remove device 1' });
    expect(button).toHaveAttribute('title', 'Remove device 1');
    expect(button).toHaveClass('btn-icon');
  });

  it('does not run when disabled', async () => {
    const onClick = vi.fn();
    render(
      <Button disabled onClick={onClick}>
        Save
      </Button>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onClick).not.toHaveBeenCalled();
  });

  it('describes the popup it controls', () => {
    render(<Button icon="more" label="More actions" haspopup="menu" expanded={false} controls="m" />);
    expect(screen.getByRole('button', { name: 'More actions' })).toHaveAttribute('aria-haspopup', 'menu');
    expect(screen.getByRole('button', { name: 'More actions' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('can stay focusable while disabled, so focus does not fall to the page', async () => {
    const onClick = vi.fn();
    render(
      <Button disabled focusableWhenDisabled onClick={onClick}>
        Start
      </Button>,
    );
    const button = screen.getByRole('button', { name: 'Start' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    button.focus();
    expect(button).toHaveFocus();
    await userEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });
});
