import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Disclosure } from './Disclosure.js';

describe('Disclosure', () => {
  it('hides its content until its summary is opened', async () => {
    const { container } = render(
      <Disclosure summary="Details">
        <p>more</p>
      </Disclosure>,
    );
    const details = container.querySelector('details')!;
    expect(details.open).toBe(false);
    await userEvent.click(screen.getByText('Details'));
    expect(details.open).toBe(true);
  });
});
