/**
 * No literal UI strings in .tsx: words a person reads come from the i18n catalogues (src/web/i18n), so both
 * languages stay complete. Reports JSX text and the string attributes a person reads (title, placeholder,
 * label, alt, aria-*, …) when they hold a letter in any script; punctuation, numbers and symbols may stay.
 */
const LETTER = /\p{L}/u;

/** Attributes whose value is shown or spoken to a person. */
const READ_ATTRIBUTES = new Set([
  'title',
  'placeholder',
  'label',
  'alt',
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'okText',
  'cancelText',
  'description',
  'message',
  'tooltip',
  'extra',
  'addonBefore',
  'addonAfter',
  'checkedChildren',
  'unCheckedChildren',
  'emptyText',
]);

/** @type {import('eslint').Rule.RuleModule} */
export const noLiteralUiStrings = {
  meta: {
    type: 'problem',
    docs: { description: 'Visible text in JSX comes from the i18n catalogues, not from literals' },
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      text: 'Literal UI text "{{text}}": put it in src/web/i18n (zh-CN and en) and use t().',
    },
  },
  create(context) {
    // Names and notations that read the same in every language (the product's name, a URL scheme, RRULE).
    const allowed = new Set(context.options[0]?.allow ?? []);
    const report = (node, text) => {
      if (allowed.has(text.trim())) return;
      context.report({ node, messageId: 'text', data: { text: text.trim().slice(0, 40) } });
    };
    return {
      JSXText(node) {
        if (LETTER.test(node.value)) report(node, node.value);
      },
      JSXAttribute(node) {
        const name = node.name.type === 'JSXIdentifier' ? node.name.name : '';
        if (!READ_ATTRIBUTES.has(name) || !node.value) return;
        const value = node.value;
        if (value.type === 'Literal' && typeof value.value === 'string' && LETTER.test(value.value)) {
          report(value, value.value);
        } else if (value.type === 'JSXExpressionContainer') {
          const expression = value.expression;
          if (
            expression.type === 'Literal' &&
            typeof expression.value === 'string' &&
            LETTER.test(expression.value)
          ) {
            report(expression, expression.value);
          } else if (
            expression.type === 'TemplateLiteral' &&
            expression.quasis.some((quasi) => LETTER.test(quasi.value.cooked ?? ''))
          ) {
            report(expression, expression.quasis.map((quasi) => quasi.value.cooked ?? '').join('…'));
          }
        }
      },
      JSXExpressionContainer(node) {
        // {'text'} or {`text`} as a child
        if (node.parent.type !== 'JSXElement' && node.parent.type !== 'JSXFragment') return;
        const expression = node.expression;
        if (
          expression.type === 'Literal' &&
          typeof expression.value === 'string' &&
          LETTER.test(expression.value)
        ) {
          report(expression, expression.value);
        } else if (
          expression.type === 'TemplateLiteral' &&
          expression.quasis.some((quasi) => LETTER.test(quasi.value.cooked ?? ''))
        ) {
          report(expression, expression.quasis.map((quasi) => quasi.value.cooked ?? '').join('…'));
        }
      },
    };
  },
};
