/**
 * xterm.js writes a few rules of its own (row height, theme colours, the scroll bar's slider) into
 * `<style>` elements it makes with `document.createElement('style')`. The app's CSP (`style-src 'self'`,
 * app/ipc/csp.ts) refuses inline `<style>` content, so those rules would be dropped and each one reported
 * as a violation. Rather than loosen `style-src`, the `<style>` elements asked for while `run` creates the
 * terminal are stand-ins — inert `<template>` elements, which no style check looks at (Chromium checks a
 * `<style>` element against the CSP whatever its type, even empty) — and their text goes into a
 * constructed style sheet adopted by the document: CSSOM, which CSP leaves to scripts (as it does
 * `element.style`, which xterm uses everywhere). Only script can reach this path, never markup, so
 * nothing injected into the page gains a way to style it.
 *
 * xterm (6.0) makes all three elements while `Terminal.open` runs (the DOM renderer's constructor and the
 * viewport's); the console view wraps exactly that call.
 */

export function withScriptStyles<T>(document: Document, run: () => T): T {
  const original = document.createElement;
  document.createElement = function createElement(this: Document, tagName: string, options?: ElementCreationOptions) {
    if (tagName.toLowerCase() !== 'style') return original.call(this, tagName, options);
    const element = original.call(this, 'template');
    adopt(document, element);
    return element;
  } as Document['createElement'];
  try {
    return run();
  } finally {
    document.createElement = original;
  }
}

/** xterm sets the rules as `textContent` and removes the element with `remove()`; both are redirected. */
function adopt(document: Document, element: HTMLElement): void {
  const sheet = new CSSStyleSheet();
  let text = '';
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  Object.defineProperty(element, 'textContent', {
    configurable: true,
    get: () => text,
    set: (value: string | null) => {
      text = value ?? '';
      sheet.replaceSync(text);
    },
  });
  // xterm removes its elements when the terminal is disposed; their rules go with them.
  const remove = element.remove.bind(element);
  element.remove = () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    remove();
  };
}

/** The parts of xterm's (6.0) inner objects `routeCellStyles` reaches; any of them may be missing in another version. */
interface XtermInternals {
  readonly _core?: { readonly _renderService?: { readonly _renderer?: { readonly value?: { readonly _rowFactory?: { _addStyle?: unknown } } } } };
}

/**
 * The DOM renderer gives a cell a 24-bit colour (selected cells, search matches, SGR 38;2/48;2) by
 * rewriting its `style` attribute, which the CSP refuses; the same declarations through `style.cssText`
 * are CSSOM and allowed. xterm has no option for this, so its (private) row factory's one method that
 * does it is replaced. The version is pinned exactly, and the console journey fails on any CSP violation,
 * so an upgrade that moves this shows at once. Returns whether the method was found.
 */
export function routeCellStyles(terminal: object): boolean {
  const factory = (terminal as XtermInternals)._core?._renderService?._renderer?.value?._rowFactory;
  if (!factory || typeof factory._addStyle !== 'function') return false;
  factory._addStyle = (element: HTMLElement, declaration: string) => {
    element.style.cssText = `${element.style.cssText}${declaration};`;
  };
  return true;
}
