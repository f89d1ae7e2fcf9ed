/**
 * xterm.js writes a few rules of its own (row height, theme colours, the scroll bar's slider) into
 * `<style>` elements it makes with `document.createElement('style')`. The app's CSP (`style-src 'self'`,
 * app/ipc/csp.ts) refuses inline `<style>` content, so those rules would be dropped and each one reported
 * as a violation. Rather than loosen `style-src`, the elements made while `run` creates the terminal are
 * turned inert (a type that is not CSS, so the browser never parses them) and their text goes into a
 * constructed style sheet adopted by the document: CSSOM, which CSP leaves to scripts (as it does
 * `element.style`, which xterm uses everywhere). Only script can reach this path, never markup, so
 * nothing injected into the page gains a way to style it.
 *
 * xterm (6.0) makes all three elements while `Terminal.open` runs (the DOM renderer's constructor and the
 * viewport's); the console view wraps exactly that call.
 */

const INERT_TYPE = 'text/x-hako-adopted-css';

export function withScriptStyles<T>(document: Document, run: () => T): T {
  const original = document.createElement;
  document.createElement = function createElement(this: Document, tagName: string, options?: ElementCreationOptions) {
    const element = original.call(this, tagName, options);
    if (tagName.toLowerCase() === 'style') adopt(document, element as HTMLStyleElement);
    return element;
  } as Document['createElement'];
  try {
    return run();
  } finally {
    document.createElement = original;
  }
}

function adopt(document: Document, element: HTMLStyleElement): void {
  element.type = INERT_TYPE;
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
