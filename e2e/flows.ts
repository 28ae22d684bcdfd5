import type { BrowserContext, Locator, Page } from 'playwright-core';
import { dayInTimezone } from '../src/server/time.ts';

export { addDays } from '../src/core/days/index.ts';

/** The server's today: calendar days are days in Asia/Shanghai. */
export function serverToday(): string {
  return dayInTimezone(Date.now(), 'Asia/Shanghai');
}

/** Fills the sign-up form (in Chinese, the first screen's language) and submits it. */
export async function signUp(page: Page, person: { name: string; email: string; password: string }) {
  await page.getByRole('heading', { name: '创建账号' }).waitFor();
  await page.getByLabel('姓名').fill(person.name);
  await page.getByLabel('邮箱').fill(person.email);
  await page.getByLabel('密码').fill(person.password);
  await page.getByRole('button', { name: '注册', exact: true }).click();
}

/**
 * Clicks `target` until `done` reaches `state`. On a busy machine a click on a popup that is still animating in
 * (a Select's list, a Popconfirm) can be lost: the element moves between the mouse's press and its release, so
 * nothing happens and the popup stays open. A lost click changed nothing, so pressing again is safe.
 */
export async function clickUntil(target: Locator, done: Locator, state: 'hidden' | 'detached') {
  for (let attempt = 1; ; attempt += 1) {
    if (attempt === 1) await target.click();
    else await target.click({ timeout: 2_000 }).catch(() => undefined);
    try {
      await done.waitFor({ state, timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Picks an option of an antd Select by its label and waits for the dropdown to close. */
export async function choose(page: Page, select: Locator, label: string) {
  await select.click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await clickUntil(dropdown.getByTitle(label, { exact: true }), dropdown, 'hidden');
}

/**
 * Picks several options of an antd multiple Select and closes it. Each click is repeated until antd marks
 * the option selected: under load a click can land while the dropdown is still sliding in and be lost.
 */
export async function chooseMany(page: Page, select: Locator, labels: string[]) {
  await select.click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (const label of labels) {
    // antd puts the option's title on the option itself.
    const option = dropdown.getByTitle(label, { exact: true });
    const selected = option.and(dropdown.locator('.ant-select-item-option-selected'));
    for (let attempt = 1; ; attempt += 1) {
      if ((await selected.count()) === 0) await option.click();
      try {
        await selected.waitFor({ timeout: 3_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }
  await page.keyboard.press('Escape');
  await dropdown.waitFor({ state: 'hidden' });
}

/** Calls the API as the browser context's signed-in user, for setup and for checking what the UI saved. */
export async function callApi<T>(
  context: BrowserContext,
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const cookies = await context.cookies(baseUrl);
  const csrf = cookies.find((cookie) => cookie.name === 'opsplan_csrf')?.value ?? '';
  const response = await context.request.fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { 'X-CSRF-Token': csrf, 'Accept-Language': 'zh-CN' },
    ...(body === undefined ? {} : { data: body }),
  });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Signs a person up through the page and creates their first workspace in Chinese; answers its id. */
export async function signUpWithWorkspace(
  page: Page,
  baseUrl: string,
  person: { name: string; email: string; password: string },
  workspaceName: string,
): Promise<string> {
  await page.goto(`${baseUrl}/signup`);
  await signUp(page, person);
  await page.waitForURL(/\/onboarding$/);
  await page.getByLabel('工作区名称').fill(workspaceName);
  await page.getByRole('button', { name: '创建工作区' }).click();
  await page.waitForURL(/\/w\/[^/]+$/);
  return new URL(page.url()).pathname.split('/')[2] ?? '';
}
