// My billing on the dashboard, on both databases, through the whole product: a supporter seeded
// as Patreon's rescan would store them, their state in plain words, moving their premium between
// two servers they manage (both servers' Patreon tiers change before the answer), refusals for a
// server they may not manage, the server page's premium section, and /anime premium.
// NOTE: recompute writes guilds.patreon_tier, which arrives with migration 0014 (the lapse part).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEMBER, OWNER, startBot, type BotHarness } from '../support/bot-harness.ts';
import { DIALECTS } from '../support/stores.ts';
import { supporterReport } from '../support/patreon-members.ts';
import { deleteMemberData } from '../../src/privacy/member-data.ts';
import { json, webClient } from './web-client.ts';

const DAY = 24 * 3_600_000;

interface BillingAnswer {
  available: boolean;
  status: string;
  tier: string | null;
  graceEndsAt: string | null;
  discordConnection: boolean;
  premiumServer: { guildId: string; name: string | null } | null;
  choices: { id: string; name: string }[];
  message: string;
}

describe.each(DIALECTS)('My billing on %s', (dialect) => {
  let bot: BotHarness;
  let elsewhere: { guildId: string };
  const loggedIn = async (userId: string) => {
    const browser = webClient(bot.address, bot.discord);
    expect((await browser.login(userId)).status).toBe(303);
    const me = await json<{ csrfToken: string }>(await browser.request('/api/v1/me'));
    return { browser, csrf: me.csrfToken };
  };
  const tiers = async () => new Map((await bot.store.repositories.patreon.guildStates()).map((state) => [state.guildId, state.patreonTier]));
  const put = (browser: ReturnType<typeof webClient>, csrf: string, guildId: unknown) =>
    browser.request('/api/v1/billing/assignment', {
      method: 'PUT',
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ guildId }),
    });

  beforeEach(async () => {
    bot = await startBot(dialect, { dashboard: true, settings: { PATREON_WEBHOOK_SECRET: 'billing-test-secret' } });
    elsewhere = bot.addOtherServer();
    await bot.store.repositories.patreon.members.apply(supporterReport(OWNER.id), Date.now());
  });
  afterEach(async () => {
    await bot.close();
  });

  it('shows a supporter their tier and moves their premium between two servers they manage, at once', async () => {
    const { browser, csrf } = await loggedIn(OWNER.id);
    const before = await json<BillingAnswer>(await browser.request('/api/v1/billing'));
    expect(before).toMatchObject({ available: true, status: 'active', tier: 'supporter_plus', discordConnection: true, premiumServer: null });
    expect(before.message).toBe('You support AniTrack on Patreon: Supporter+. Thank you!');
    expect(before.choices.map((server) => server.id).sort()).toEqual([bot.server.guildId, elsewhere.guildId].sort());

    const first = await put(browser, csrf, bot.server.guildId);
    expect(first.status).toBe(200);
    expect((await json<{ message: string }>(first)).message).toBe('Your premium (Supporter+) now applies to Anime Club. This took effect at once.');
    expect(await tiers()).toEqual(new Map([[bot.server.guildId, 'supporter_plus']]));
    const premium = await bot.anime(MEMBER, 'premium');
    expect(premium.content).toContain(`**Supporter+** — This tier comes from Patreon, thanks to <@${OWNER.id}>.`);
    expect(premium.content).toContain('Anime on the list: 64 anime');
    expect(premium.content).toContain(`${bot.address}/billing`);
    expect(premium.data.allowed_mentions).toEqual({ parse: [] });

    const moved = await put(browser, csrf, elsewhere.guildId);
    expect((await json<{ message: string }>(moved)).message).toBe(
      'Your premium (Supporter+) now applies to Elsewhere. This took effect at once. Anime Club is back on its own tier.',
    );
    // Both servers changed before the answer came.
    expect(await tiers()).toEqual(new Map([[elsewhere.guildId, 'supporter_plus']]));
    expect((await bot.anime(MEMBER, 'premium')).content).toContain('**Free** — This is the default tier of this AniTrack.');

    const after = await json<BillingAnswer>(await browser.request('/api/v1/billing'));
    expect(after.premiumServer).toEqual(expect.objectContaining({ guildId: elsewhere.guildId, name: 'Elsewhere' }));

    const removed = await browser.request('/api/v1/billing/assignment', { method: 'DELETE', headers: { 'x-csrf-token': csrf } });
    expect(removed.status).toBe(204);
    expect(await tiers()).toEqual(new Map());
    expect(await bot.store.repositories.patreon.assignments.get(OWNER.id)).toBeUndefined();
  });

  it('refuses a server the member may not manage, one that does not exist, a missing CSRF token and a bad body', async () => {
    await bot.store.repositories.patreon.members.apply(supporterReport(MEMBER.id, { id: 'member-2', patreonUserId: '70000002' }), Date.now());
    const { browser, csrf } = await loggedIn(MEMBER.id);
    const state = await json<BillingAnswer>(await browser.request('/api/v1/billing'));
    expect(state.choices).toEqual([]); // a plain member of Anime Club manages nothing
    const notManaged = await put(browser, csrf, bot.server.guildId);
    expect(notManaged.status).toBe(404);
    expect(await json(notManaged)).toEqual({ message: 'No such server, or you may not manage it.' });
    expect((await put(browser, csrf, '123456789012345678')).status).toBe(404);
    expect((await put(browser, csrf, 'not-a-server')).status).toBe(400);
    const noCsrf = await browser.request('/api/v1/billing/assignment', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ guildId: bot.server.guildId }),
    });
    expect(noCsrf.status).toBe(403);
    // The plain form says the same on the page, and changes nothing.
    const form = await browser.request('/billing/assign', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, guildId: bot.server.guildId }).toString(),
    });
    expect(form.status).toBe(303);
    expect(new URL(form.headers.get('location')!, bot.address).searchParams.get('notice')).toBe('No such server, or you may not manage it.');
    expect(await bot.store.repositories.patreon.assignments.all()).toEqual([]);
    expect(await tiers()).toEqual(new Map());
    expect((await browser.request('/api/v1/billing')).status).toBe(200);
  });

  it('says in plain words when no Patreon account is known, when there is no pledge, and when a payment failed', async () => {
    const member = await loggedIn(MEMBER.id);
    const unknown = await json<BillingAnswer>(await member.browser.request('/api/v1/billing'));
    expect(unknown.status).toBe('unknown');
    expect(unknown.message).toContain('AniTrack does not know a Patreon account of yours');
    expect(unknown.message).toContain('Connect your Discord account on Patreon');
    const page = await (await member.browser.request('/billing')).text();
    expect(page).toContain('AniTrack does not know a Patreon account of yours');
    expect(page).toContain('<a href="/billing">My billing</a>');

    await bot.store.repositories.patreon.members.apply(
      supporterReport(MEMBER.id, { id: 'member-2', patreonUserId: '70000002', patronStatus: 'former_patron' }),
      Date.now(),
    );
    const none = await json<BillingAnswer>(await member.browser.request('/api/v1/billing'));
    expect(none.status).toBe('no_pledge');
    expect(none.message).toContain('has no active pledge');

    const failedAt = Date.now() - DAY;
    await bot.store.repositories.patreon.members.apply(
      supporterReport(OWNER.id, { patronStatus: 'declined_patron', lastChargeStatus: 'Declined', lastChargeAt: failedAt }),
      Date.now(),
    );
    const owner = await loggedIn(OWNER.id);
    const grace = await json<BillingAnswer>(await owner.browser.request('/api/v1/billing'));
    expect(grace).toMatchObject({ status: 'grace', tier: 'supporter_plus', graceEndsAt: new Date(failedAt + 3 * DAY).toISOString() });
    expect(grace.message).toMatch(/^Your last Patreon payment did not go through\. Your Supporter\+ premium stays until \d+ \w+ \d{4} at \d\d:\d\d UTC;/);
  });

  it('moves premium with the page form, and the server page shows the tier, its supporter and the latest notice', async () => {
    const { browser, csrf } = await loggedIn(OWNER.id);
    const page = await (await browser.request('/billing')).text();
    expect(page).toContain('You support AniTrack on Patreon: Supporter+. Thank you!');
    expect(page).toContain(`<option value="${elsewhere.guildId}">Elsewhere</option>`);
    const form = await browser.request('/billing/assign', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, guildId: bot.server.guildId }).toString(),
    });
    expect(form.status).toBe(303);
    const back = await (await browser.request(form.headers.get('location')!)).text();
    expect(back).toContain('Your premium (Supporter+) now applies to Anime Club. This took effect at once.');
    expect(back).toContain('Your premium applies to Anime Club.');
    expect(await tiers()).toEqual(new Map([[bot.server.guildId, 'supporter_plus']]));

    const server = await (await browser.request(`/servers/${bot.server.guildId}`)).text();
    expect(server).toContain('Supporter+ (from Patreon supporters): 64 anime, 1200 members per anime');
    expect(server).toContain(`<dd data-testid="premium-supporters"><code>${OWNER.id}</code></dd>`);
    expect(server).toContain('Thanks to a supporter on Patreon, this server is now on AniTrack Supporter+.');

    // Without a CSRF token the form changes nothing.
    const forged = await browser.request('/billing/unassign', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(forged.status).toBe(403);
    expect(await bot.store.repositories.patreon.assignments.get(OWNER.id)).toBeDefined();
    const unassign = await browser.request('/billing/unassign', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf }).toString(),
    });
    expect(new URL(unassign.headers.get('location')!, bot.address).searchParams.get('notice')).toBe(
      'Your premium no longer applies to Anime Club; it is back on its own tier. This took effect at once.',
    );
    expect(await tiers()).toEqual(new Map());
  });

  it('My data exports the Patreon link, the premium server and the member record without tokens, and deleting removes them at once', async () => {
    await bot.store.repositories.patreon.links.save({
      discordUserId: OWNER.id,
      patreonUserId: '70000001',
      accessToken: 'patreon-access-secret',
      refreshToken: 'patreon-refresh-secret',
      tokenExpiresAt: Date.now() + DAY,
      linkedAt: Date.now(),
    });
    const { browser, csrf } = await loggedIn(OWNER.id);
    expect((await put(browser, csrf, bot.server.guildId)).status).toBe(200);
    expect(await tiers()).toEqual(new Map([[bot.server.guildId, 'supporter_plus']]));
    const exported = await (await browser.request('/api/v1/me/data')).text();
    expect(exported).not.toContain('patreon-access-secret');
    expect(exported).not.toContain('patreon-refresh-secret');
    expect(JSON.parse(exported).patreon).toEqual({
      link: { patreonUserId: '70000001', linkedAt: expect.any(String) },
      premiumServer: { guildId: bot.server.guildId, since: expect.any(String) },
      memberRecords: [
        expect.objectContaining({ memberId: supporterReport(null).id, patreonUserId: '70000001', patronStatus: 'active_patron', entitledCents: 500 }),
      ],
    });
    expect(await (await browser.request('/me/data')).text()).toContain('a link to your Patreon account (<code>70000001</code>)');

    const deleted = await browser.request('/api/v1/me/data/delete', { method: 'POST', headers: { 'x-csrf-token': csrf } });
    const answer = await json<{ deleted: Record<string, unknown>; message: string }>(deleted);
    expect(answer.deleted).toMatchObject({ patreonLink: true, premiumServer: true, patreonMembers: 1 });
    expect(answer.message).toContain(
      'unlinked your Patreon account, let go of the server your premium applied to, removed your Discord account from 1 Patreon membership record',
    );
    expect(await bot.store.repositories.patreon.links.get(OWNER.id)).toBeUndefined();
    expect(await bot.store.repositories.patreon.assignments.get(OWNER.id)).toBeUndefined();
    expect((await bot.store.repositories.patreon.members.all()).map((member) => member.discordUserId)).toEqual([null]);
    // The server lost the premium before the answer came.
    expect(await tiers()).toEqual(new Map());
  });

  it("deleting one server's data lets go of the premium only when it applies to that server", async () => {
    await bot.store.repositories.patreon.assignments.assign(OWNER.id, elsewhere.guildId, Date.now());
    expect(await deleteMemberData(bot.store.repositories, OWNER.id, bot.server.guildId)).toMatchObject({
      premiumServer: false,
      premiumChanged: false,
      patreonMembers: 0,
    });
    expect(await bot.store.repositories.patreon.assignments.get(OWNER.id)).toBeDefined();
    expect(await deleteMemberData(bot.store.repositories, OWNER.id, elsewhere.guildId)).toMatchObject({
      premiumServer: true,
      premiumChanged: true,
      patreonLink: false,
    });
    expect(await bot.store.repositories.patreon.assignments.get(OWNER.id)).toBeUndefined();
    expect((await bot.store.repositories.patreon.members.all())[0]?.discordUserId).toBe(OWNER.id);
  });

  it('/anime premium names the grace period of a failed payment, and an operator grant over Patreon', async () => {
    const failedAt = Date.now() - DAY;
    await bot.store.repositories.patreon.members.apply(
      supporterReport(OWNER.id, { patronStatus: 'declined_patron', lastChargeStatus: 'Declined', lastChargeAt: failedAt }),
      Date.now(),
    );
    const { browser, csrf } = await loggedIn(OWNER.id);
    expect((await put(browser, csrf, bot.server.guildId)).status).toBe(200);
    const grace = await bot.anime(MEMBER, 'premium');
    expect(grace.content).toContain(`**Supporter+** — This tier comes from Patreon, thanks to <@${OWNER.id}>.`);
    expect(grace.content).toContain(
      `⚠️ A supporter's Patreon payment did not go through. Premium stays until <t:${Math.floor((failedAt + 3 * DAY) / 1000)}:D>;`,
    );
    await bot.store.repositories.guilds.setPremiumTier(bot.server.guildId, 'supporter', Date.now());
    const granted = await bot.anime(MEMBER, 'premium');
    expect(granted.content).toContain('**Supporter** — This tier was granted by the operator of this AniTrack.');
    expect(granted.content).toContain('Members per anime: 500 members');
    expect(granted.content).not.toContain('⚠️');
  });
});
