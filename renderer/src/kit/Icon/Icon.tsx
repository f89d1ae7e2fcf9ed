/**
 * A small set of line icons in the spirit of Fluent System Icons (20 px grid, 1.5 px strokes), drawn
 * inline so the CSP needs no image sources. Decorative: hidden from assistive technology, the button
 * or text next to each icon carries the name.
 */
import clsx from 'clsx';
import type { ReactNode } from 'react';
import './Icon.css';

export type IconName =
  | 'play'
  | 'stop'
  | 'pause'
  | 'save'
  | 'restart'
  | 'power'
  | 'plug'
  | 'monitor'
  | 'settings'
  | 'list'
  | 'pulse'
  | 'folder'
  | 'plus'
  | 'trash'
  | 'up'
  | 'down'
  | 'more'
  | 'warning'
  | 'error'
  | 'info'
  | 'check'
  | 'close'
  | 'vm'
  | 'disk'
  | 'disc'
  | 'network'
  | 'chip'
  | 'shield'
  | 'refresh'
  | 'sliders'
  | 'file'
  | 'bolt'
  | 'home'
  | 'clock'
  | 'search';

const PATHS: Readonly<Record<IconName, ReactNode>> = {
  play: <path d="M6.5 4.2v11.6a.7.7 0 0 0 1.06.6l9.3-5.8a.7.7 0 0 0 0-1.2l-9.3-5.8a.7.7 0 0 0-1.06.6Z" />,
  stop: <rect x="5" y="5" width="10" height="10" rx="1.5" />,
  pause: (
    <>
      <rect x="5.5" y="4.5" width="3" height="11" rx="1" />
      <rect x="11.5" y="4.5" width="3" height="11" rx="1" />
    </>
  ),
  save: (
    <>
      <path d="M4.5 4.5a1 1 0 0 1 1-1h7.3l2.7 2.7v8.3a1 1 0 0 1-1 1h-9a1 1 0 0 1-1-1Z" />
      <path d="M7 3.5v3.5h5V3.5M7 15.5v-4.5h6v4.5" />
    </>
  ),
  restart: (
    <>
      <path d="M15.5 10a5.5 5.5 0 1 1-1.7-4" />
      <path d="M14.3 2.8v3.6h-3.6" />
    </>
  ),
  power: (
    <>
      <path d="M10 3v6.5" />
      <path d="M6.2 5.4a6 6 0 1 0 7.6 0" />
    </>
  ),
  plug: (
    <>
      <path d="M7 3v3.5M13 3v3.5" />
      <path d="M5 6.5h10v2.5a5 5 0 0 1-10 0Z" />
      <path d="M10 14v3" />
    </>
  ),
  monitor: (
    <>
      <rect x="2.5" y="3.5" width="15" height="10" rx="1.5" />
      <path d="M7 16.5h6M10 13.5v3" />
    </>
  ),
  settings: (
    <>
      <circle cx="10" cy="10" r="2.5" />
      <path d="M10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4" />
    </>
  ),
  list: <path d="M7 5.5h9M7 10h9M7 14.5h9M4 5.5h.01M4 10h.01M4 14.5h.01" />,
  pulse: <path d="M2.5 10h3l2-5 3.5 10 2-5h4.5" />,
  folder: <path d="M2.5 5.5a1 1 0 0 1 1-1h4l1.5 1.5h7.5a1 1 0 0 1 1 1v7.5a1 1 0 0 1-1 1h-13a1 1 0 0 1-1-1Z" />,
  plus: <path d="M10 4v12M4 10h12" />,
  trash: (
    <>
      <path d="M4 5.5h12M8 5.5V4h4v1.5" />
      <path d="M5.5 5.5l.8 10a1 1 0 0 0 1 .9h5.4a1 1 0 0 0 1-.9l.8-10" />
    </>
  ),
  up: <path d="M10 16V4M5 9l5-5 5 5" />,
  down: <path d="M10 4v12M5 11l5 5 5-5" />,
  more: (
    <>
      <circle cx="4.5" cy="10" r="1" />
      <circle cx="10" cy="10" r="1" />
      <circle cx="15.5" cy="10" r="1" />
    </>
  ),
  warning: (
    <>
      <path d="M9.1 3.6a1 1 0 0 1 1.8 0l6.4 11.7a1 1 0 0 1-.9 1.5H3.6a1 1 0 0 1-.9-1.5Z" />
      <path d="M10 8v3.5M10 14h.01" />
    </>
  ),
  error: (
    <>
      <circle cx="10" cy="10" r="7.5" />
      <path d="M7.5 7.5l5 5M12.5 7.5l-5 5" />
    </>
  ),
  info: (
    <>
      <circle cx="10" cy="10" r="7.5" />
      <path d="M10 9v4.5M10 6.5h.01" />
    </>
  ),
  check: <path d="M4.5 10.5l3.5 3.5 7.5-8" />,
  close: <path d="M5 5l10 10M15 5L5 15" />,
  vm: (
    <>
      <rect x="2.5" y="3" width="15" height="11" rx="2" />
      <path d="M6 17h8M8 14v3M12 14v3" />
      <path d="M6 6.5h3" />
    </>
  ),
  disk: (
    <>
      <rect x="3" y="4" width="14" height="12" rx="2" />
      <path d="M3 11.5h14M13.5 13.7h.01" />
    </>
  ),
  disc: (
    <>
      <circle cx="10" cy="10" r="7" />
      <circle cx="10" cy="10" r="2" />
    </>
  ),
  network: (
    <>
      <rect x="7.5" y="2.5" width="5" height="4" rx="1" />
      <rect x="2.5" y="13.5" width="5" height="4" rx="1" />
      <rect x="12.5" y="13.5" width="5" height="4" rx="1" />
      <path d="M10 6.5v3.5M5 13.5V10h10v3.5" />
    </>
  ),
  chip: (
    <>
      <rect x="5" y="5" width="10" height="10" rx="1.5" />
      <rect x="8" y="8" width="4" height="4" rx=".5" />
      <path d="M8 2.5V5M12 2.5V5M8 15v2.5M12 15v2.5M2.5 8H5M2.5 12H5M15 8h2.5M15 12h2.5" />
    </>
  ),
  shield: (
    <>
      <path d="M10 2.5l6 2.3v4.7c0 3.8-2.6 6.4-6 8-3.4-1.6-6-4.2-6-8V4.8Z" />
      <path d="M7.3 10l2 2 3.5-3.8" />
    </>
  ),
  refresh: (
    <>
      <path d="M16 4.5v3.5h-3.5" />
      <path d="M15.6 8A6 6 0 1 0 16 11" />
    </>
  ),
  sliders: <path d="M3.5 6h6M13.5 6h3M3.5 14h2M9.5 14h7M11.5 4v4M7.5 12v4" />,
  file: (
    <>
      <path d="M5 2.5h6.5l3.5 3.5v10.5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-13a1 1 0 0 1 1-1Z" />
      <path d="M11.5 2.5V6H15M7 10h6M7 13h6" />
    </>
  ),
  bolt: <path d="M11 2.5L4.5 11H10l-1 6.5L15.5 9H10Z" />,
  home: (
    <>
      <path d="M3.5 9L10 3.5 16.5 9" />
      <path d="M5 8v8.5h4v-4.5h2v4.5h4V8" />
    </>
  ),
  clock: (
    <>
      <circle cx="10" cy="10" r="7.5" />
      <path d="M10 5.5V10l3 2" />
    </>
  ),
  search: (
    <>
      <circle cx="8.5" cy="8.5" r="5" />
      <path d="m12.2 12.2 4.3 4.3" />
    </>
  ),
};

const FILLED: ReadonlySet<IconName> = new Set(['play', 'stop', 'pause']);

export function Icon({ name, className }: { readonly name: IconName; readonly className?: string }) {
  const filled = FILLED.has(name);
  return (
    <svg
      className={clsx('icon', className)}
      viewBox="0 0 20 20"
      width="20"
      height="20"
      fill={filled ? 'currentColor' : 'none'}
      stroke={filled ? 'none' : 'currentColor'}
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
