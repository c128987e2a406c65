import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { call } from '../sim/testing/client';
import { E2E } from './env';
import { gatewayAdmin, newCustomer, signInCustomer, simTest, STATE } from './helpers';

/**
 * A customer running their own storage in the browser: key pairs (a second one signs in elsewhere,
 * the first is revoked), a bucket, folders, uploads (one of 50 MB, in parts), downloads compared
 * byte for byte, a share link opened by nobody in particular (and refused once expired), deletes,
 * and paging through ten thousand objects. Then staff looking at the same bucket.
 */

async function signIn(page: Page, key: { id: string; secret: string }) {
  await signInCustomer(page, key);
  await expect(page).toHaveURL(/\/me$/);
}

const sha = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');



async function downloaded(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync((await download.path())!) };
}

const bucketName = () => `self-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

test('a customer makes a key pair, signs in with it elsewhere and revokes the first', async ({ page, browser }) => {
  const customer = await newCustomer('self');
  await signIn(page, customer.key);
  const keys = page.getByRole('region', { name: 'Key pairs' });
  await expect(keys.getByTestId('key-row')).toHaveCount(1);
  await expect(keys.getByText('signed in with this pair')).toBeVisible();
  await keys.getByRole('button', { name: 'New key pair' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your new key pair' });
  const second = { id: (await dialog.getByTestId('new-access-key-id').textContent())!, secret: (await dialog.getByTestId('new-secret-key').textContent())! };
  const csv = await downloaded(page, () => dialog.getByRole('button', { name: 'Download .csv' }).click());
  expect(csv.name).toBe(`${second.id}_accessKeys.csv`);
  expect(csv.bytes.toString()).toBe(`Access key ID,Secret access key\n${second.id},${second.secret}\n`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(keys.getByTestId('key-row')).toHaveCount(2);
  await expect(keys.getByRole('button', { name: 'New key pair' })).toBeDisabled();

  // The new pair signs in, in a browser of its own.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await signIn(other, second);
  await expect(other.getByTestId('user-email')).toHaveText(customer.email);

  // Revoking the pair this session signed in with warns, then signs this browser out.
  const first = keys.getByTestId('key-row').filter({ hasText: customer.key.id });
  await first.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('session-key-warning')).toBeVisible();
  await page.getByRole('button', { name: 'Revoke key pair' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await call(E2E.simUrl, 'GET', '/', customer.key)).status).toBe(403);

  // The other browser goes on with the pair that is left.
  await other.reload();
  await expect(other.getByTestId('user-email')).toHaveText(customer.email);
  await expect(other.getByRole('region', { name: 'Key pairs' }).getByTestId('key-row')).toHaveCount(1);
  await elsewhere.close();
});

test('a customer rotates their key pair in three steps: new pair, “I have switched”, old pair revoked', async ({ page }) => {
  const customer = await newCustomer('self');
  await signIn(page, customer.key);
  const keys = page.getByRole('region', { name: 'Key pairs' });
  await keys.getByRole('button', { name: 'Rotate keys' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your new key pair' });
  await expect(dialog).toContainText('press “I have switched”');
  const next = (await dialog.getByTestId('new-access-key-id').textContent())!;
  await dialog.getByRole('button', { name: 'Close' }).click();
  const rotation = keys.getByTestId('rotation');
  await expect(rotation).toContainText(next);
  await expect(rotation).toContainText(customer.key.id);
  await rotation.getByRole('button', { name: 'I have switched' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke the old key pair?' });
  await expect(confirm).toContainText('You signed in with it');
  await confirm.getByRole('button', { name: 'Revoke old key pair' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const info = await gatewayAdmin('GET', `ostor-users&emailAddress=${encodeURIComponent(customer.email)}`);
  expect(info.AWSAccessKeys.map((k: { AWSAccessKeyId: string }) => k.AWSAccessKeyId)).toEqual([next]);
});

test('a customer creates a bucket, uploads, browses, downloads, shares and deletes', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const customer = await newCustomer('self');
  await signIn(page, customer.key);
  const buckets = page.getByRole('region', { name: 'Buckets' });
  await expect(buckets.getByText('You have no buckets yet.')).toBeVisible();

  // S3's naming rules are checked as the name is typed; the gateway's refusal is said in words.
  await buckets.getByLabel('New bucket name').fill('Bad_Name');
  await buckets.getByRole('button', { name: 'Create bucket' }).click();
  await expect(buckets.getByTestId('field-error')).toHaveText('Use only lower-case letters, digits, dots and hyphens.');
  const bucket = bucketName();
  await buckets.getByLabel('New bucket name').fill(bucket);
  await buckets.getByRole('button', { name: 'Create bucket' }).click();
  await expect(buckets.getByTestId('bucket-row')).toHaveCount(1);
  await buckets.getByRole('link', { name: bucket }).click();
  await expect(page).toHaveURL(new RegExp(`/me/buckets/${bucket}$`));
  await expect(page.getByText('This bucket is empty.')).toBeVisible();

  // A folder, opened; three files uploaded into it, one of 50 MB (in parts).
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByLabel('Folder name').fill('docs');
  await page.getByRole('button', { name: 'Create folder' }).click();
  await expect(page.getByTestId('breadcrumbs')).toContainText('docs');
  await expect(page.getByText('This folder is empty.')).toBeVisible();
  const big = crypto.randomBytes(50 * 1024 * 1024);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'uploads-'));
  const files = { 'notes é.txt': Buffer.from('first notes\n'), 'big.bin': big, 'data.json': Buffer.from('{"a":1}') };
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), bytes);
  await page.getByTestId('upload-input').setInputFiles(Object.keys(files).map((name) => path.join(folder, name)));
  await expect(page.getByTestId('upload-row')).toHaveCount(3);
  await expect(page.locator('[data-testid="upload-row"][data-state="done"]')).toHaveCount(3, { timeout: 60_000 });
  await expect(page.getByTestId('object-row')).toHaveCount(3);
  await expect(page.getByTestId('object-row').filter({ hasText: 'big.bin' })).toContainText('52.4 MB');

  // Downloads come back byte for byte, under their own names.
  const small = await downloaded(page, () => page.getByRole('link', { name: 'Download notes é.txt' }).click());
  expect(small.name).toBe('notes é.txt');
  expect(small.bytes.toString()).toBe('first notes\n');
  const large = await downloaded(page, () => page.getByRole('link', { name: 'Download big.bin' }).click());
  expect(large.bytes.length).toBe(big.length);
  expect(sha(large.bytes)).toBe(sha(big));

  // Breadcrumbs lead back up; the folder is there.
  await page.getByTestId('breadcrumbs').getByRole('button', { name: bucket }).click();
  await expect(page.getByTestId('folder-row')).toHaveCount(1);
  await page.getByTestId('folder-link').click();
  await expect(page.getByTestId('object-row')).toHaveCount(3);

  // Details and a share link, opened by someone with no session at all.
  await page.getByTestId('object-link').filter({ hasText: 'data.json' }).click();
  const details = page.getByRole('dialog', { name: 'Object details' });
  await expect(details.getByTestId('object-details')).toContainText('application/json');
  await details.getByLabel('Link works for').selectOption({ label: '1 hour' });
  await details.getByRole('button', { name: 'Create share link' }).click();
  const link = (await details.getByTestId('share-url').textContent())!;
  const stranger = await browser.newContext();
  const opened = await stranger.request.get(link);
  expect(opened.status()).toBe(200);
  expect(await opened.text()).toBe('{"a":1}');
  expect(opened.headers()['content-disposition']).toContain('filename="data.json"');
  await simTest('PUT', '/__sim/presigned-clock', { aheadSeconds: 3601 });
  try {
    expect((await stranger.request.get(link)).status()).toBe(403);
  } finally {
    await simTest('PUT', '/__sim/presigned-clock', { aheadSeconds: 0 });
  }
  await stranger.close();
  await details.getByRole('button', { name: 'Close' }).click();

  // Two deleted at once, after a confirmation that names them.
  await page.getByLabel('Select big.bin').check();
  await page.getByLabel('Select data.json').check();
  await page.getByTestId('delete-selected').click();
  const confirm = page.getByRole('dialog', { name: 'Delete 2 items?' });
  await expect(confirm).toContainText('big.bin');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('object-row')).toHaveCount(1);
  await expect(page.getByTestId('object-row')).toContainText('notes é.txt');

  // A bucket that holds objects is not deleted; the reason is said in the dialog.
  await page.goto('/me');
  await buckets.getByTestId('delete-bucket').click();
  await page.getByLabel('Bucket name', { exact: true }).fill(bucket);
  await page.getByRole('button', { name: 'Delete bucket' }).click();
  await expect(page.getByTestId('delete-error')).toContainText('not empty');
});

test('a customer pages through a bucket of 10,000 objects and finds one by name', async ({ page }) => {
  test.setTimeout(120_000);
  const customer = await newCustomer('self');
  const bucket = bucketName();
  expect((await call(E2E.simUrl, 'PUT', `/${bucket}`, customer.key)).status).toBe(200);
  expect((await simTest('POST', '/__sim/objects/bulk', { bucket, count: 10_000 })).objects).toBe(10_000);
  await signIn(page, customer.key);
  await page.goto(`/me/buckets/${bucket}`);
  const rows = page.getByTestId('object-row');
  await expect(rows).toHaveCount(100);
  await expect(rows.first()).toContainText('object-00000.txt');
  const pager = page.getByTestId('object-pager');
  const next = pager.getByRole('button', { name: 'Next page' });
  for (let n = 2; n <= 6; n++) {
    await next.click();
    await expect(pager).toContainText(`Page ${n}`);
    await expect(rows.first()).toContainText(`object-${String((n - 1) * 100).padStart(5, '0')}.txt`);
  }
  await pager.getByRole('button', { name: 'Previous page' }).click();
  await expect(rows.first()).toContainText('object-00400.txt');
  // Near the end, found by name, then paged to the last object, where there is no next page.
  await page.getByLabel('Find by name in this folder').fill('object-09');
  await expect(rows.first()).toContainText('object-09000.txt');
  for (let n = 2; n <= 10; n++) {
    await next.click();
    await expect(pager).toContainText(`Page ${n}`);
  }
  await expect(rows).toHaveCount(100);
  await expect(rows.last()).toContainText('object-09999.txt');
  await expect(next).toBeDisabled();
  await page.getByLabel('Find by name in this folder').fill('');
  await expect(rows.first()).toContainText('object-00000.txt');
  await expect(pager).toContainText('Page 1');

  await page.getByLabel('Find by name in this folder').fill('object-0421');
  await expect(rows).toHaveCount(10);
  await expect(rows.first()).toContainText('object-04210.txt');
  await page.getByLabel('Find by name in this folder').fill('nothing-like-this');
  await expect(page.getByText('Nothing here starts with “nothing-like-this”.')).toBeVisible();
});

async function tenantWithObject(): Promise<{ bucket: string; id: string }> {
  const customer = await newCustomer('self');
  const bucket = bucketName();
  await call(E2E.simUrl, 'PUT', `/${bucket}`, customer.key);
  await call(E2E.simUrl, 'PUT', `/${bucket}/reports/q3.csv`, customer.key, { body: 'quarter,total\nq3,42\n' });
  return { bucket, id: customer.id };
}

test.describe('staff', () => {
  let tenant: { bucket: string; id: string };
  test.beforeAll(async () => {
    tenant = await tenantWithObject();
  });

  test.describe('admin', () => {
    test.use({ storageState: STATE.admin });
    test('opens any user’s bucket, downloads an object, and the download is audited', async ({ page }) => {
      await page.goto(`/buckets/${tenant.bucket}`);
      await page.getByTestId('browse-objects').click();
      await page.getByTestId('folder-link').click();
      const file = await downloaded(page, () => page.getByRole('link', { name: 'Download q3.csv' }).click());
      expect(file.bytes.toString()).toBe('quarter,total\nq3,42\n');
      const audit = await (await page.request.get('/api/audit?action=object.download')).json();
      expect(audit.rows.some((r: { target: string }) => r.target === `bucket:${tenant.bucket}/object:reports/q3.csv`)).toBe(true);
    });
  });

  test.describe('support', () => {
    test.use({ storageState: STATE.support });
    test('sees names and sizes, but no contents and no share links', async ({ page }) => {
      await page.goto(`/buckets/${tenant.bucket}/objects?prefix=reports%2F`);
      await expect(page.getByTestId('object-row')).toHaveCount(1);
      await expect(page.getByTestId('object-row')).toContainText('q3.csv');
      await expect(page.getByTestId('object-row')).toContainText('20 B');
      await expect(page.getByRole('link', { name: /Download/ })).toHaveCount(0);
      await expect(page.getByTestId('object-link')).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Upload files' })).toHaveCount(0);
      const content = await page.request.get(`/api/buckets/${tenant.bucket}/object/content?key=reports%2Fq3.csv`);
      expect(content.status()).toBe(403);
      expect(await content.text()).not.toContain('q3,42');
    });
  });
});
