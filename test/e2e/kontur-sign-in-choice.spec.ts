// The Kontur services' sign-in choice (issue 10, item 15): what a person can use comes first (a token they were
// given), sign-in through Kontur says it needs an application's Client ID and is not "recommended", the Client ID is
// explained only on its own field, shown only for the schemes that need it, and the help texts agree.
import { expect, test, type Page } from '@playwright/test';
import { openNewFeedForm, openWindow, screenshot, startStack, type Stack } from './support.ts';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ feeds: [] });
});

test.afterAll(async () => {
  await stack?.stop();
});

async function formText(page: Page): Promise<string> {
  return page.getByTestId('feed-editor').innerText();
}

for (const provider of ['diadoc', 'extern']) {
  test(`${provider}: a token first, sign-in says it needs a Client ID, explained only where it is asked`, async ({ page }) => {
    await openWindow(page, stack.web.url);
    await openNewFeedForm(page, provider);
    const scheme = page.getByLabel('Схема входа');
    const options = await scheme.locator('option').allInnerTexts();
    expect(options[0]).toBe('Токен доступа (вставить готовый)');
    expect(options[1]).toBe('Вход через Контур — нужен Client ID приложения');
    await expect(scheme).toHaveValue('bearer');
    const text = await formText(page);
    expect(text).not.toContain('рекомендуется');
    // The token's help does not send the reader to a sign-in that needs what they lack.
    expect(text).not.toContain('выдаёт вход через Контур');
    // No Client ID field, and no word of where to get one, until a scheme that needs it is chosen.
    await expect(page.getByLabel(/^Client ID/)).toHaveCount(0);
    expect(text).not.toContain('Кабинет');
    await screenshot(page, `kontur-choice-${provider}-token`);

    await scheme.selectOption('oidc');
    await expect(page.getByLabel(/^Client ID/)).toBeVisible();
    const help = page.locator('#f-settings\\.clientId-help');
    await expect(help).toContainText('«Кабинете интегратора» Контура');
    await expect(help).toContainText('выберите выше «Токен доступа»');
    await screenshot(page, `kontur-choice-${provider}-sign-in`);
  });
}
