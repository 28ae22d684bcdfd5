import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { noLiteralUiStrings } from './no-literal-ui-strings.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
});

tester.run('no-literal-ui-strings', noLiteralUiStrings, {
  valid: [
    { code: 'const a = <p>{t("home.title")}</p>;' },
    { code: 'const a = <p>{count} · {total} %</p>;' },
    {
      code: 'const a = <Input placeholder={t("search.placeholder")} style={{ fontFamily: "monospace" }} />;',
    },
    { code: 'const a = <Tag color="blue" data-testid="kpi-card" />;' },
    { code: 'const a = <b>OpsPlan</b>;', options: [{ allow: ['OpsPlan'] }] },
  ],
  invalid: [
    { code: 'const a = <p>Save</p>;', errors: [{ messageId: 'text' }] },
    { code: 'const a = <p>保存</p>;', errors: [{ messageId: 'text' }] },
    { code: 'const a = <Input placeholder="Search tasks" />;', errors: [{ messageId: 'text' }] },
    { code: 'const a = <Button aria-label={"Close"} />;', errors: [{ messageId: 'text' }] },
    { code: 'const a = <p>{`${count} tasks`}</p>;', errors: [{ messageId: 'text' }] },
    { code: 'const a = <p>{"删除"}</p>;', errors: [{ messageId: 'text' }] },
  ],
});
