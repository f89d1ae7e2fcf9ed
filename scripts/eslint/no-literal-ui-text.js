/**
 * ESLint rule hako/no-literal-ui-text: words a person reads must come from the catalogue
 * (app/i18n/messages, through useT()), not from a literal in the renderer's JSX. It reports JSX text,
 * string and template literals in JSX children, and literals in the props that show text (label, title,
 * aria-label, placeholder, help…) when they hold a word (two letters in a row). Language-neutral data
 * passes: symbols and single letters ("C D", "·", "…"), and strings without spaces that hold a path or
 * identifier character (".\\pipe\\vm1", "disk.vhdx", "192.168.100.0/24").
 */
const TEXT_PROPS = new Set(['label', 'title', 'aria-label', 'placeholder', 'alt', 'help', 'description', 'summary', 'legend', 'caption', 'unit', 'aria-description']);

/** Whether a string says something in a language. */
export function isWording(text) {
  const trimmed = text.trim();
  if (!/\p{L}{2}/u.test(trimmed)) return false;
  if (!/\s/.test(trimmed) && /[./\\:_\-0-9]/.test(trimmed)) return false;
  return true;
}

export const noLiteralUiText = {
  meta: {
    type: 'problem',
    docs: { description: 'UI text comes from the message catalogue, not from literals in JSX' },
    messages: { literal: 'Text people read comes from the catalogue: t(\'…\') with a key in app/i18n/messages/en.json and zh-CN.json ("{{text}}").' },
    schema: [],
  },
  create(context) {
    const report = (node, text) => context.report({ node, messageId: 'literal', data: { text: text.trim().slice(0, 40) } });
    const checkExpression = (node) => {
      if (node.type === 'Literal' && typeof node.value === 'string' && isWording(node.value)) report(node, node.value);
      if (node.type === 'TemplateLiteral') {
        const words = node.quasis.map((q) => q.value.cooked ?? '').join(' ');
        if (isWording(words)) report(node, words);
      }
      if (node.type === 'ConditionalExpression') {
        checkExpression(node.consequent);
        checkExpression(node.alternate);
      }
      if (node.type === 'LogicalExpression') checkExpression(node.right);
    };
    return {
      JSXText(node) {
        if (isWording(node.value)) report(node, node.value);
      },
      JSXExpressionContainer(node) {
        if (node.parent?.type === 'JSXElement' || node.parent?.type === 'JSXFragment') checkExpression(node.expression);
      },
      JSXAttribute(node) {
        const name = node.name.type === 'JSXIdentifier' ? node.name.name : '';
        if (!TEXT_PROPS.has(name) || node.value === null) return;
        if (node.value.type === 'Literal' && typeof node.value.value === 'string' && isWording(node.value.value)) report(node.value, node.value.value);
        if (node.value.type === 'JSXExpressionContainer') checkExpression(node.value.expression);
      },
    };
  },
};

export default { rules: { 'no-literal-ui-text': noLiteralUiText } };
