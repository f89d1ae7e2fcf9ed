/**
 * Fluent System Icons (@fluentui/svg-icons, the 20 px regular set) as plain inline SVG: the SVG files
 * are read as text at build time and only their paths are kept, so the bundle holds just the icons
 * used and the CSP needs no image sources or runtime styles (unlike @fluentui/react-icons, whose
 * Griffel styles `style-src 'self'` forbids). Decorative: hidden from assistive technology, the button
 * or text next to each icon carries the name.
 */
import clsx from 'clsx';
import add from '@fluentui/svg-icons/icons/add_20_regular.svg?raw';
import arrowClockwise from '@fluentui/svg-icons/icons/arrow_clockwise_20_regular.svg?raw';
import arrowDown from '@fluentui/svg-icons/icons/arrow_down_20_regular.svg?raw';
import arrowReset from '@fluentui/svg-icons/icons/arrow_reset_20_regular.svg?raw';
import arrowUp from '@fluentui/svg-icons/icons/arrow_up_20_regular.svg?raw';
import box from '@fluentui/svg-icons/icons/box_20_regular.svg?raw';
import checkmarkCircle from '@fluentui/svg-icons/icons/checkmark_circle_20_regular.svg?raw';
import clock from '@fluentui/svg-icons/icons/clock_20_regular.svg?raw';
import deleteIcon from '@fluentui/svg-icons/icons/delete_20_regular.svg?raw';
import desktop from '@fluentui/svg-icons/icons/desktop_20_regular.svg?raw';
import developerBoard from '@fluentui/svg-icons/icons/developer_board_20_regular.svg?raw';
import dismiss from '@fluentui/svg-icons/icons/dismiss_20_regular.svg?raw';
import document from '@fluentui/svg-icons/icons/document_20_regular.svg?raw';
import errorCircle from '@fluentui/svg-icons/icons/error_circle_20_regular.svg?raw';
import flash from '@fluentui/svg-icons/icons/flash_20_regular.svg?raw';
import folderLink from '@fluentui/svg-icons/icons/folder_link_20_regular.svg?raw';
import fullScreenMaximize from '@fluentui/svg-icons/icons/full_screen_maximize_20_regular.svg?raw';
import fullScreenMinimize from '@fluentui/svg-icons/icons/full_screen_minimize_20_regular.svg?raw';
import folderOpen from '@fluentui/svg-icons/icons/folder_open_20_regular.svg?raw';
import hardDrive from '@fluentui/svg-icons/icons/hard_drive_20_regular.svg?raw';
import home from '@fluentui/svg-icons/icons/home_20_regular.svg?raw';
import info from '@fluentui/svg-icons/icons/info_20_regular.svg?raw';
import keyboard from '@fluentui/svg-icons/icons/keyboard_20_regular.svg?raw';
import list from '@fluentui/svg-icons/icons/list_20_regular.svg?raw';
import moreHorizontal from '@fluentui/svg-icons/icons/more_horizontal_20_regular.svg?raw';
import openIcon from '@fluentui/svg-icons/icons/open_20_regular.svg?raw';
import options from '@fluentui/svg-icons/icons/options_20_regular.svg?raw';
import pause from '@fluentui/svg-icons/icons/pause_20_regular.svg?raw';
import play from '@fluentui/svg-icons/icons/play_20_regular.svg?raw';
import plugDisconnected from '@fluentui/svg-icons/icons/plug_disconnected_20_regular.svg?raw';
import power from '@fluentui/svg-icons/icons/power_20_regular.svg?raw';
import pulse from '@fluentui/svg-icons/icons/pulse_20_regular.svg?raw';
import ratioOneToOne from '@fluentui/svg-icons/icons/ratio_one_to_one_20_regular.svg?raw';
import record from '@fluentui/svg-icons/icons/record_20_regular.svg?raw';
import router from '@fluentui/svg-icons/icons/router_20_regular.svg?raw';
import save from '@fluentui/svg-icons/icons/save_20_regular.svg?raw';
import scaleFit from '@fluentui/svg-icons/icons/scale_fit_20_regular.svg?raw';
import search from '@fluentui/svg-icons/icons/search_20_regular.svg?raw';
import settings from '@fluentui/svg-icons/icons/settings_20_regular.svg?raw';
import shield from '@fluentui/svg-icons/icons/shield_20_regular.svg?raw';
import stop from '@fluentui/svg-icons/icons/stop_20_regular.svg?raw';
import windowConsole from '@fluentui/svg-icons/icons/window_console_20_regular.svg?raw';
import warning from '@fluentui/svg-icons/icons/warning_20_regular.svg?raw';
import './Icon.css';

const SOURCES = {
  play,
  stop,
  pause,
  save,
  restart: arrowReset,
  power,
  plug: plugDisconnected,
  monitor: desktop,
  settings,
  list,
  search,
  console: windowConsole,
  pulse,
  folder: folderOpen,
  plus: add,
  trash: deleteIcon,
  up: arrowUp,
  down: arrowDown,
  more: moreHorizontal,
  warning,
  error: errorCircle,
  info,
  check: checkmarkCircle,
  close: dismiss,
  // Hako is Japanese for "box".
  vm: box,
  disk: hardDrive,
  disc: record,
  network: router,
  chip: developerBoard,
  shield,
  refresh: arrowClockwise,
  sliders: options,
  file: document,
  bolt: flash,
  home,
  clock,
  keyboard,
  // The console's toolbar.
  fullScreen: fullScreenMaximize,
  exitFullScreen: fullScreenMinimize,
  fit: scaleFit,
  actualSize: ratioOneToOne,
  external: openIcon,
  share: folderLink,
} as const;

export type IconName = keyof typeof SOURCES;

/** The `d` of every path of an icon's SVG text (the set draws each icon as filled paths). */
export function svgPaths(svg: string): string[] {
  return [...svg.matchAll(/<path[^>]*\sd="([^"]+)"/g)].map((match) => match[1]!);
}

const PATHS = Object.fromEntries(Object.entries(SOURCES).map(([name, svg]) => [name, svgPaths(svg)])) as unknown as Readonly<Record<IconName, readonly string[]>>;

export function Icon({ name, className }: { readonly name: IconName; readonly className?: string }) {
  return (
    <svg className={clsx('icon', className)} viewBox="0 0 20 20" width="20" height="20" fill="currentColor" aria-hidden="true" focusable="false">
      {PATHS[name].map((d, i) => (
        <path key={i} d={d} />
      ))}
    </svg>
  );
}
