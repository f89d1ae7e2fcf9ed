import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Tabs } from './Tabs.js';

const TABS = [
  { id: 'overview', label: 'Overview', marker: 'has findings' },
  { id: 'settings', label: 'Settings' },
  { id: 'events', label: 'Events' },
] as const;

function Harness() {
  const [tab, setTab] = useState<(typeof TABS)[number]['id']>('overview');
  return (
    <Tabs label="VM views" tabs={TABS} selected={tab} onSelect={setTab}>
      <p>{tab} panel</p>
    </Tabs>
  );
}

describe('Tabs', () => {
  it('shows the selected tab’s panel, labelled by the tab', async () => {
    render(<Harness />);
    expect(screen.getByRole('tablist', { name: 'VM views' })).toBeInTheDocument();
    expect(screen.getByRole('tabpanel', { name: /Overview/ })).toHaveTextContent('overview panel');
    await userEvent.click(screen.getByRole('tab', { name: 'Events' }));
    expect(screen.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Events' })).toHaveTextContent('events panel');
  });

  it('moves with Left and Right, wrapping, with only the selected tab in the Tab order', async () => {
    render(<Harness />);
    screen.getByRole('tab', { name: /Overview/ }).focus();
    await userEvent.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Events' })).toHaveFocus();
    expect(screen.getByRole('tab', { name: 'Events' })).toHaveAttribute('tabindex', '0');
    expect(screen.getByRole('tab', { name: 'Settings' })).toHaveAttribute('tabindex', '-1');
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: /Overview/ })).toHaveAttribute('aria-selected', 'true');
  });

  it('names a marker for assistive technology', () => {
    render(<Harness />);
    expect(screen.getByRole('tab', { name: 'Overview (has findings)' })).toBeInTheDocument();
  });
});
