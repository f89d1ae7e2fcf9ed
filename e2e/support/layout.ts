/**
 * What a layout check looks for: text that does not fit its box (cut off, or spilling over what is next
 * to it), commands of one row that overlap, and a page that scrolls sideways. Text cut short on purpose
 * (an ellipsis with the whole text as a tooltip) is fine.
 */
import type { Page } from '@playwright/test';

export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 60)}"`;
    const shown = (el: Element): el is HTMLElement => el instanceof HTMLElement && el.getClientRects().length > 0 && el.closest('[inert], [aria-hidden="true"], .visually-hidden') === null;
    const main = document.querySelector('main');
    if (main && main.scrollWidth > main.clientWidth + 1) problems.push('the page scrolls sideways');
    const texts = document.querySelectorAll('button, a, label, h1, h2, h3, th, td, p, .badge, .chip, .tag, [role="menuitem"], .field-label, .pane-label, .pane-sub');
    for (const el of texts) {
      if (!shown(el)) continue;
      const style = getComputedStyle(el);
      if (style.textOverflow === 'ellipsis' && el.closest('[title]') !== null) continue;
      // Code and paths wrap or scroll in their own boxes.
      if (el.closest('pre, code, .code-block, .file-preview')) continue;
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) problems.push(`does not fit: ${name(el)} (${el.scrollWidth} > ${el.clientWidth})`);
    }
    for (const row of document.querySelectorAll('.commandbar, .dialog-footer, .savebar-actions, .button-row, .toolbar-row, .page-header')) {
      if (!shown(row)) continue;
      const boxes = [...row.children].filter(shown).map((child) => ({ child, box: child.getBoundingClientRect() }));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.box;
          const b = boxes[j]!.box;
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) problems.push(`overlap: ${name(boxes[i]!.child)} and ${name(boxes[j]!.child)}`);
        }
      }
    }
    return [...new Set(problems)];
  });
}

/**
 * Whether the focused element's focus ring (its outline, offset included) is missing or cut off by an
 * ancestor that clips (overflow other than visible, or paint containment): what it is and what clips
 * it, or null.
 */
export async function clippedFocusRing(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const focused = document.activeElement;
    // Tab went past the last control, to the browser's own: nothing of the page to look at.
    if (!(focused instanceof HTMLElement) || focused === document.body) return null;
    const style = getComputedStyle(focused);
    const what = `${focused.tagName.toLowerCase()}${focused.id ? `#${focused.id}` : ''}.${[...focused.classList].join('.')} "${focused.textContent?.trim().slice(0, 40)}"`;
    if (style.outlineStyle === 'none') {
      // A text box or list box shows focus as its accent underline (Field.css); the console's frame
      // inside its own document.
      if (focused.matches('.input, iframe.screen-frame')) return null;
      return `${what} shows no outline`;
    }
    const spread = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
    const box = focused.getBoundingClientRect();
    const ring = { left: box.left - spread, top: box.top - spread, right: box.right + spread, bottom: box.bottom + spread };
    for (let el = focused.parentElement; el !== null; el = el.parentElement) {
      const s = getComputedStyle(el);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible' || /paint|strict|content/.test(s.contain)) {
        const outer = el.getBoundingClientRect();
        const inner = {
          left: outer.left + parseFloat(s.borderLeftWidth),
          top: outer.top + parseFloat(s.borderTopWidth),
          right: outer.right - parseFloat(s.borderRightWidth),
          bottom: outer.bottom - parseFloat(s.borderBottomWidth),
        };
        // Half a pixel of slack for fractional layout.
        if (ring.left < inner.left - 0.5 || ring.top < inner.top - 0.5 || ring.right > inner.right + 0.5 || ring.bottom > inner.bottom + 0.5) {
          return `the focus ring of ${what} is cut off by ${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
        }
      }
      // A modal dialog is drawn above the page (the top layer): what holds it in the DOM clips nothing of it.
      if (el.matches('dialog:modal')) break;
    }
    return null;
  });
}

/**
 * Whether something is drawn over the middle of the focused element (a menu left open, a bar that
 * sticks over what scrolls under it): what covers it, or null.
 */
export async function obscuredFocus(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const focused = document.activeElement;
    // Nothing of the page has focus, or a frame does (its document draws its own focus).
    if (!(focused instanceof HTMLElement) || focused === document.body || focused instanceof HTMLIFrameElement) return null;
    const box = focused.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return null;
    const over = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (over === null || focused.contains(over) || over.contains(focused)) return null;
    const what = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${el.textContent?.trim().slice(0, 40)}"`;
    return `${what(focused)} is under ${what(over)}`;
  });
}
