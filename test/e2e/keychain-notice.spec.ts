// A locked or missing keychain: the feed form says what is wrong and how to fix it, and keeps secrets in memory
// only after the user agrees.
import { expect, test } from '@playwright/test';
import type { KeychainControl } from '../../main/core/ports.ts';
import { openWindow, startStack, type Stack } from './support.ts';

let stack: Stack;
let unlocked = false;
let sessionAllowed = false;
const keychain: KeychainControl = {
  get sessionAllowed() {
    return sessionAllowed;
  },
  async status() {
    return unlocked
      ? { available: true as const }
      : {
          available: false as const,
          problem: { ru: 'Связка ключей GNOME заблокирована.', en: 'The GNOME keyring is locked.' },
          fix: {
            ru: 'Разблокируйте GNOME Keyring или KWallet и повторите.',
            en: 'Unlock GNOME Keyring or KWallet and try again.',
          },
        };
  },
  recheck() {
    return this.status();
  },
  allowSession() {
    sessionAllowed = true;
  },
};

test.beforeAll(async () => {
  stack = await startStack({ demo: false, keychain });
});
test.afterAll(async () => {
  await stack?.stop();
});

test('a locked keychain is explained, memory-only needs consent, and an unlock is noticed', async ({ page }) => {
  await openWindow(page, stack.web.url);
  await page.getByRole('button', { name: 'Добавить ленту', exact: true }).click();
  await page.getByLabel('Сервис', { exact: true }).selectOption('diadoc');
  const notice = page.getByTestId('keychain-notice');
  await expect(notice).toContainText('Связка ключей GNOME заблокирована.');
  await expect(notice).toContainText('Разблокируйте GNOME Keyring или KWallet');
  await notice.getByRole('button', { name: 'Хранить только до закрытия программы' }).click();
  await expect(notice).toContainText('Секреты хранятся в памяти до закрытия программы.');
  expect(sessionAllowed).toBe(true);
  unlocked = true;
  await notice.getByRole('button', { name: 'Проверить снова' }).click();
  await expect(notice).toBeHidden();
});
