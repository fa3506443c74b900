import type { Page } from '@playwright/test';
import { expect, openTicket, type Profile, test } from './fixtures';

/** A new administrator's first visit: Frontline's options on a profile that has never held a policy. */
const openOptions = async (profile: Profile): Promise<Page> => {
  const page = await profile.context.newPage();
  await page.goto(`chrome-extension://${profile.extensionId}/options.html`);
  await expect(page.getByTestId('policy-source')).toHaveText('Self-managed policy');
  return page;
};

const storedPolicy = async (profile: Profile): Promise<unknown> => {
  const worker = await profile.serviceWorker();
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
    };
    return (await chrome.storage.local.get('policy')).policy;
  });
};

test('a fresh install: Edit as JSON opens on the empty form, says what is missing, and a policy written as JSON is saved and grants', async ({
  profile,
  sim,
}) => {
  const options = await openOptions(profile);
  await options.getByTestId('policy-mode').click();
  const json = options.getByTestId('policy-json');
  await expect(json).toBeVisible();
  const start = JSON.parse(await json.inputValue());
  expect(start).toMatchObject({ currency: 'USD', period: 'week', defaultTier: 'Standard' });
  expect(start.tiers).toEqual([{ name: 'Standard', perGrant: '', perCustomerPerPeriod: '', perPeriod: '' }]);
  await expect(options.getByTestId('policy-errors')).toContainText('tiers[0].perGrant: enter an amount');

  await json.fill(
    JSON.stringify(
      {
        ...start,
        tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 20000 }],
        presets: [500, 1000],
        reasons: ['Goodwill'],
      },
      null,
      2,
    ),
  );
  await options.getByTestId('policy-save').click();
  await expect(options.getByTestId('policy-saved')).toBeVisible();
  expect(await storedPolicy(profile)).toMatchObject({
    tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 20000 }],
    reasons: ['Goodwill'],
  });

  const ticket = sim.data.sampleTicket('zendesk');
  const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  await expect(frame.getByTestId('grant-preset')).toHaveCount(2, { timeout: 15_000 });
});

test('switching between form and JSON keeps every half-typed field, both ways', async ({ profile }) => {
  const options = await openOptions(profile);
  const row = options.getByTestId('tier-row');
  await row.locator('[data-field="perGrant"]').fill('25');
  await row.locator('[data-field="perCustomerPerPeriod"]').fill('fifty');
  await options.getByTestId('policy-presets').fill('5 10');
  await options.getByTestId('policy-reasons').fill('Late delivery\nGoodwill');

  await options.getByTestId('policy-mode').click();
  const json = options.getByTestId('policy-json');
  const asJson = JSON.parse(await json.inputValue());
  expect(asJson.tiers[0]).toEqual({
    name: 'Standard',
    perGrant: 2500,
    perCustomerPerPeriod: 'fifty',
    perPeriod: '',
  });
  expect(asJson.presets).toEqual([500, 1000]);
  await expect(options.getByTestId('policy-errors')).toContainText('tiers[0].perCustomerPerPeriod');

  await json.fill(JSON.stringify({ ...asJson, undoSeconds: 10 }));
  await options.getByTestId('policy-mode').click();
  await expect(row.locator('[data-field="perGrant"]')).toHaveValue('25.00');
  await expect(row.locator('[data-field="perCustomerPerPeriod"]')).toHaveValue('fifty');
  await expect(options.getByTestId('policy-presets')).toHaveValue('5.00 10.00');
  await expect(options.getByTestId('policy-reasons')).toHaveValue('Late delivery\nGoodwill');
  await expect(options.getByTestId('policy-undo-seconds')).toHaveValue('10');

  // JSON the form could only show by changing it stays where it is, named.
  await options.getByTestId('policy-mode').click();
  const odd = JSON.stringify({ ...asJson, presets: [500, 12.5] });
  await json.fill(odd);
  await options.getByTestId('policy-mode').click();
  await expect(json).toHaveValue(odd);
  await expect(options.getByTestId('policy-errors')).toContainText('presets[1]');
  expect(await storedPolicy(profile)).toBeUndefined();
});

test('the form explains each field where it is', async ({ profile }) => {
  const options = await openOptions(profile);
  await expect(options.getByLabel('Undo seconds')).toHaveAccessibleDescription(
    /in seconds \(0–60\), e\.g\. 5/,
  );
  await expect(options.getByLabel('Currency')).toHaveAccessibleDescription(/ISO 4217.*e\.g\. USD/);
  await expect(options.getByTestId('field-help').filter({ hasText: 'Per grant:' })).toBeVisible();
});

test('every section of the options page sits in its one styled layout', async ({ profile }) => {
  const options = await openOptions(profile);
  const main = options.locator('main.flo');
  await expect(main.getByTestId('helpdesk-hosts')).toBeVisible();
  await expect(main.getByTestId('zendesk-oauth')).toBeVisible();
  await expect(main.getByTestId('open-review')).toBeVisible();
  const [card, hosts] = await Promise.all([
    main.getByTestId('policy-editor').boundingBox(),
    main.getByTestId('helpdesk-hosts').boundingBox(),
  ]);
  expect(hosts?.x).toBe(card?.x);
  expect(hosts?.width).toBe(card?.width);
});
