import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorDetails } from './ErrorDetails.js';

describe('ErrorDetails', () => {
  it('shows message, advice, code, HRESULT and path', () => {
    render(<ErrorDetails error={{ code: 'AccessDenied', message: 'Access is denied.', advice: 'Run as administrator.', hresult: '0x80070005', path: '/path' }} />);
    for (const text of ['Access is denied.', 'Run as administrator.', 'AccessDenied', '0x80070005', '/path']) expect(screen.getByText(text)).toBeInTheDocument();
  });

  it('leaves out what the failure does not have', () => {
    const { container } = render(<ErrorDetails error={{ code: 'Unexpected', message: 'boom' }} />);
    expect(container.querySelectorAll('code')).toHaveLength(1);
    expect(container.querySelector('.error-advice')).toBeNull();
  });
});
