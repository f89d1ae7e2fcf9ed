import { RuleTester } from 'eslint';
import { describe, expect, it } from 'vitest';
import { isWording, noLiteralUiText } from '../../scripts/eslint/no-literal-ui-text.js';

describe('the rule against literal UI text', () => {
  it('tells words from language-neutral data', () => {
    for (const words of ['Start', 'Could not open the VM', 'Open VM…', '中文']) expect(isWording(words)).toBe(true);
    for (const data of ['C D', '·', '…', '192.168.100.0/24', '\\\\.\\pipe\\vm1', 'disk.vhdx', '   ']) expect(isWording(data)).toBe(false);
  });

  it('reports text in JSX and in the props that show text, and passes the catalogue', () => {
    const tester = new RuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } });
    tester.run('no-literal-ui-text', noLiteralUiText, {
      valid: [
        '<Button>{t("settings.save")}</Button>',
        '<TextField label={t("disk.name")} placeholder="disk.vhdx" />',
        '<span aria-hidden="true"> · </span>',
        '<kbd>{s.keys}</kbd>',
        '<div className="savebar save-bar" />',
      ],
      invalid: [
        { code: '<Button>Save</Button>', errors: 1 },
        { code: '<Button label="Remove disk" />', errors: 1 },
        { code: '<p>{`${n} problems`}</p>', errors: 1 },
        { code: '<p>{busy ? "Saving…" : t("x")}</p>', errors: 1 },
        { code: '<Field help={"Memory in MB"} />', errors: 1 },
      ],
    });
  });
});
