/**
 * The pseudo-locale (en-XA): every English message accented and about 40 % longer, inside brackets, so a
 * screenshot shows at once which text is too long for its place and which text did not come from the
 * catalogue (it stays plain English). Arguments, plurals and selects keep working: only the literal
 * text of the parsed messages changes. Loaded only when asked for (development and tests).
 */
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Messages } from '../../../app/i18n/catalogue.js';

const ACCENTED: Readonly<Record<string, string>> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [c, [...'àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]!]),
);

/** Accents a literal and pads it with a filler of ~40 % of its length. */
export function pseudoText(text: string): string {
  const accented = [...text].map((c) => ACCENTED[c] ?? c).join('');
  const letters = text.replace(/[^A-Za-z]/g, '').length;
  return letters === 0 ? accented : `${accented}${'·'.repeat(Math.ceil(letters * 0.4))}`;
}

function transform(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    if (element.type === TYPE.literal) return { ...element, value: pseudoText(element.value) };
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      const options = Object.fromEntries(Object.entries(element.options).map(([name, option]) => [name, { ...option, value: transform(option.value) }]));
      return { ...element, options } as MessageFormatElement;
    }
    return element;
  });
}

export function pseudoMessages(english: Messages): Record<string, MessageFormatElement[]> {
  return Object.fromEntries(
    Object.entries(english).map(([key, text]) => {
      const elements = transform(parse(text, { ignoreTag: true }));
      // Brackets mark where a message starts and ends, so a cut-off message shows.
      return [key, [{ type: TYPE.literal, value: '⟦' }, ...elements, { type: TYPE.literal, value: '⟧' }] as MessageFormatElement[]];
    }),
  );
}
