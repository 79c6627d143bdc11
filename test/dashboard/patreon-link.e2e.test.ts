// Link Patreon, on both databases, through the whole product and the local Patreon
// (@anitrack/patreon-emulator): a patron whose Patreon account names no Discord account links it
// from My billing and their chosen server gets their tier at once; only memberships of our
// campaign count; Deny, a forged state and a code Patreon will not exchange store nothing; and
// unlinking takes the premium away. Asserted: redirects, what the pages say, rows, tiers.
// NOTE: recompute writes guilds.patreon_tier, which arrives with migration 0014 (the lapse part).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPatreonEmulator, type PatreonEmulator } from '@anitrack/patreon-emulator';
import { OWNER, startBot, type BotHarness } from '../support/bot-harness.ts';
import { DIALECTS } from '../support/stores.ts';
import { json, webClient, type WebClient } from './web-client.ts';

describe.each(DIALECTS)('Link Patreon on %s', (dialect) => {
  let bot: BotHarness;
  let patreon: PatreonEmulator;
  let patronId: string;
  let browser: WebClient;
  let csrf: string;
  const tiers = async () => new Map((await bot.store.repositories.patreon.guildStates()).map((state) => [state.guildId, state.patreonTier]));
  const noticeOf = (response: Response) => {
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!, bot.address);
    expect(location.pathname).toBe('/billing');
    return location.searchParams.get('notice');
  };
  const startLink = async () => {
    const start = await browser.request('/patreon/link');
    expect(start.status).toBe(302);
    return start.headers.get('location')!;
  };

  beforeEach(async () => {
    patreon = await startPatreonEmulator();
    bot = await startBot(dialect, {
      dashboard: true,
      settings: {
        PATREON_API_URL: patreon.url,
        PATREON_CLIENT_ID: patreon.clientId,
        PATREON_CLIENT_SECRET: patreon.clientSecret,
        PATREON_CAMPAIGN_ID: patreon.campaignId,
        PATREON_CREATOR_TOKEN: patreon.creatorToken,
      },
    });
    patreon.addRedirectUri(`${bot.address}/patreon/callback`);
    const tier = patreon.addTier({ title: 'Supporter', amountCents: 300 });
    const patron = patreon.addUser({ fullName: 'Aiko Tanaka' }); // no Discord connection on Patreon
    patronId = patron.id;
    patreon.addMember({ userId: patron.id, tierIds: [tier.id] });
    // The same patron pays another creator more: that is not support for AniTrack.
    const elsewhere = patreon.addCampaign({ creatorName: 'Someone else' });
    patreon.addMember({ userId: patron.id, campaignId: elsewhere.id, entitledCents: 2000 });

    browser = webClient(bot.address, bot.discord);
    expect((await browser.login(OWNER.id)).status).toBe(303);
    csrf = (await json<{ csrfToken: string }>(await browser.request('/api/v1/me'))).csrfToken;
    const chosen = await browser.request('/api/v1/billing/assignment', {
      method: 'PUT',
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ guildId: bot.server.guildId }),
    });
    expect((await json<{ message: string }>(chosen)).message).toBe(
      'Anime Club is now the server your premium applies to. It gets a tier as soon as your Patreon pledge is active.',
    );
  });
  afterEach(async () => {
    await bot.close();
    await patreon.stop();
  });

  it('links a patron with no Discord connection, and their server gets their tier at once', async () => {
    const consent = new URL(await startLink());
    expect(`${consent.origin}${consent.pathname}`).toBe(`${patreon.url}/oauth2/authorize`);
    expect(consent.searchParams.get('scope')).toBe('identity identity.memberships');
    expect(consent.searchParams.get('redirect_uri')).toBe(`${bot.address}/patreon/callback`);
    expect(consent.searchParams.get('state')).toMatch(/^[\w-]{43}$/);

    const callback = await browser.request(patreon.approveOAuth(consent.toString(), patronId));
    expect(noticeOf(callback)).toBe('Your Patreon account is linked. You support AniTrack on Patreon: Supporter. Thank you!');
    expect(await tiers()).toEqual(new Map([[bot.server.guildId, 'supporter']]));
    const link = await bot.store.repositories.patreon.links.get(OWNER.id);
    expect(link).toEqual(expect.objectContaining({ patreonUserId: patronId }));
    // Only the membership in our campaign was stored.
    expect((await bot.store.repositories.patreon.members.all()).map((member) => [member.patreonUserId, member.entitledCents])).toEqual([[patronId, 300]]);
    const page = await (await browser.request('/billing')).text();
    expect(page).toContain('the Patreon account you linked here on');
    expect(page).toContain('Unlink Patreon');

    const unlinked = await browser.request('/patreon/unlink', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf }).toString(),
    });
    expect(noticeOf(unlinked)).toMatch(/^Your Patreon account is unlinked\. AniTrack does not know a Patreon account of yours/);
    expect(await bot.store.repositories.patreon.links.get(OWNER.id)).toBeUndefined();
    expect(await tiers()).toEqual(new Map());
  });

  it('stores nothing when the patron presses Deny, the state is not ours, or Patreon refuses the code', async () => {
    const denied = new URL(await startLink());
    const deny = await browser.request(`/patreon/callback?error=access_denied&state=${denied.searchParams.get('state')}`);
    expect(noticeOf(deny)).toBe('You did not allow AniTrack on Patreon, so nothing was linked. You can try again at any time.');

    // A code and state from someone else's flow (this browser's state cookie is another).
    const theirs = new URL(patreon.approveOAuth(await startLink(), patronId));
    await startLink();
    const forged = await browser.request(`${theirs.pathname}${theirs.search}`);
    expect(noticeOf(forged)).toBe('This Patreon link was not started here or has expired (10 minutes), so nothing was stored. Press "Link Patreon" again.');
    // Without the state cookie at all (another browser).
    const bare = webClient(bot.address, bot.discord, new Map([...browser.cookies].filter(([name]) => name !== 'anitrack_patreon_state')));
    const approved = new URL(patreon.approveOAuth(await startLink(), patronId));
    bare.cookies.delete('anitrack_patreon_state');
    expect(noticeOf(await bare.request(`${approved.pathname}${approved.search}`))).toContain('was not started here');

    patreon.failNext('token', 400, { error: 'invalid_grant', error_description: 'the code expired' });
    const refused = await browser.request(patreon.approveOAuth(await startLink(), patronId));
    expect(noticeOf(refused)).toBe(
      'Patreon did not confirm the link (the code may have expired or been used), so nothing was stored. Press "Link Patreon" again.',
    );

    expect(await bot.store.repositories.patreon.links.all()).toEqual([]);
    expect(await bot.store.repositories.patreon.members.all()).toEqual([]);
    expect(await tiers()).toEqual(new Map());
  });
});
