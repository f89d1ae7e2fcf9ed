/** Types of the lint rule (it is plain JavaScript, loaded by eslint.config.js as it is). */
import type { Rule } from 'eslint';

export function isWording(text: string): boolean;
export const noLiteralUiText: Rule.RuleModule;
declare const plugin: { readonly rules: { readonly 'no-literal-ui-text': Rule.RuleModule } };
export default plugin;
