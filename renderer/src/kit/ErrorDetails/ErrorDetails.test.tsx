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

  it('words the error by its code in another language, keeping main’s message as the technical detail', async () => {
    const { setTestTranslator } = await import('../../i18n/context.js');
    const { createTranslator } = await import('../../../../app/i18n/translator.js');
    const zh = (await import('../../../../app/i18n/messages/zh-CN.json', { with: { type: 'json' } })).default;
    const en = (await import('../../../../app/i18n/messages/en.json', { with: { type: 'json' } })).default;
    setTestTranslator(createTranslator('zh-CN', zh));
    try {
      render(<ErrorDetails error={{ code: 'HCS_E_ACCESS_DENIED', message: 'HcsStartComputeSystem failed with HCS_E_ACCESS_DENIED: Access is denied.', hresult: '0x80370120' }} />);
      expect(screen.getByText('拒绝访问主机计算服务。')).toBeInTheDocument();
      expect(screen.getByText(/请以管理员身份运行 Hako/)).toBeInTheDocument();
      expect(screen.getByText('技术详细信息')).toBeInTheDocument();
    } finally {
      setTestTranslator(createTranslator('en', en));
    }
  });
});
