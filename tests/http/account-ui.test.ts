// The account pages in Chromium against the built app: sign in from the map, the name in
// the header, an admin's edit refused as stale (409) in the page, sign out.
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import type { Db } from '../../src/lib/server/db/types';
import { freshAppDatabase, startBuiltApp, type BuiltApp } from '../built-app';
import { createTestUser, type TestUser } from '../users';

/** Polls as long as the page's own waits: the map page is slow to hydrate here. */
const PATIENT = { timeout: 90_000, interval: 250 };

let app: BuiltApp;
let cleanup: () => Promise<void>;
let browser: Browser;
let admin: TestUser;

beforeAll(async () => {
	const database = await freshAppDatabase((db: Db) => createTestUser(db, 'admin', { username: 'zhang.admin', displayName: '张管理' }));
	cleanup = database.cleanup;
	admin = database.prepared;
	app = await startBuiltApp(database.env);
	browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await app?.stop();
	await cleanup?.();
});

/** Opens `url` and waits until the page is hydrated (src/routes/+layout.svelte): hydration would reset what was typed before. */
async function openHydrated(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
}

async function newPage(): Promise<Page> {
	// The test app reads the client address from X-Forwarded-For.
	const context = await browser.newContext({ locale: 'zh-CN', extraHTTPHeaders: { 'x-forwarded-for': '10.77.0.1' } });
	// The map page draws with a software GPU on shared cores: be patient, and never wait for its `load`.
	context.setDefaultTimeout(90_000);
	return context.newPage();
}

it('signs in from the map, shows the name in its header, and signs out', async () => {
	const page = await newPage();
	await page.goto(`${app.origin}/`);
	await page.getByTestId('sign-in').click();
	await page.waitForURL(/\/login\?next=%2F/, { waitUntil: 'commit' });
	await page.getByLabel('用户名').fill('zhang.admin');
	await page.getByLabel('密码').fill('wrong password');
	await page.getByRole('button', { name: '登录' }).click();
	await expect.poll(() => page.getByTestId('login-error').textContent(), PATIENT).toBe('用户名或密码不正确。');

	await page.getByLabel('密码').fill(admin.password);
	await page.getByRole('button', { name: '登录' }).click();
	await page.waitForURL(`${app.origin}/`, { waitUntil: 'commit' });
	await expect.poll(() => page.getByTestId('account-name').textContent(), PATIENT).toBe('张管理');

	await page.getByTestId('account-menu').locator('summary').click();
	await page.getByTestId('sign-out').click();
	await page.waitForURL(`${app.origin}/`, { waitUntil: 'commit' });
	await expect.poll(() => page.getByTestId('sign-in').isVisible(), PATIENT).toBe(true);
	await page.context().close();
}, 240_000);

it('an admin creates a user, and a save from a stale page is refused with the current version', async () => {
	const first = await newPage();
	await first.context().addCookies([{ name: 'ecomap_session', value: admin.token, url: app.origin }]);
	await openHydrated(first, `${app.origin}/admin/users`);
	const create = first.getByTestId('create-user');
	await create.getByLabel('用户名').fill('wu.field');
	await create.getByLabel('显示名称').fill('吴外业');
	await create.getByLabel('密码').fill('field password 1');
	await create.getByRole('button', { name: '创建' }).click();
	await expect.poll(() => first.getByTestId('user-row-wu.field').isVisible(), PATIENT).toBe(true);
	// The form posted natively: a new document, hydrated again before its controls are used.
	await first.waitForSelector('html[data-hydrated]', { state: 'attached' });

	// A second tab holds version 1 of the row while the first one saves version 2.
	const second = await first.context().newPage();
	await openHydrated(second, `${app.origin}/admin/users`);
	const row = (page: Page) => page.getByTestId('user-row-wu.field');
	await row(first).getByLabel('角色').selectOption('planner');
	await row(first).getByRole('button', { name: '保存' }).click();
	await expect.poll(() => first.getByRole('status').textContent(), PATIENT).toContain('已保存 wu.field（第 2 版）');

	await row(second).getByTestId('toggle-wu.field').click();
	await expect.poll(() => second.getByTestId('admin-error').textContent(), PATIENT).toContain('该账户已被他人修改');
	expect(await second.getByTestId('admin-error').textContent()).toContain('当前：角色 规划人员，已启用，第 2 版');
	await first.context().close();
}, 240_000);
