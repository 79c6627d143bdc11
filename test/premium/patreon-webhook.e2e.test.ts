// Patreon's signed webhooks against the whole product, with the local Patreon signing them as
// Patreon does: a valid pledge lifts a server's list limit at once; a forged, replayed or
// out-of-date one is answered and changes nothing; and a webhook that never came is made up for
// by the next rescan.
import { afterEach, describe, expect, it } from 'vitest';
import { startPatreonEmulator, type PatreonEmulator } from '@anitrack/patreon-emulator';
import { fakeMedia } from '@anitrack/anilist-emulator';
import { ADMIN, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { DIALECTS } from '../support/stores.ts';

const SECRET = 'patreon-webhook-secret-for-tests';
const MEDIA = [101, 102, 103, 104].map((id) => fakeMedia(id, { title: { romaji: `Premium Test ${id}`, english: null, native: null } }));

export async function startPatreonBot(dialect: (typeof DIALECTS)[number], patreon: PatreonEmulator, settings: Record<string, string> = {}) {
  return startBot(dialect, {
    media: MEDIA,
    settings: {
      PATREON_API_URL: patreon.url,
      PATREON_CAMPAIGN_ID: patreon.campaignId,
      PATREON_CREATOR_TOKEN: patreon.creatorToken,
      PATREON_WEBHOOK_SECRET: SECRET,
      PATREON_TIERS: 'supporter=300,supporter_plus=500',
      PATREON_RESCAN_MINUTES: '600',
      FREE_MAX_ANIME: '2',
      SUPPORTER_PLUS_MAX_ANIME: '4',
      ...settings,
    },
  });
}

describe.each(DIALECTS)('Patreon webhooks on %s', (dialect) => {
  let bot: BotHarness;
  let patreon: PatreonEmulator;
  afterEach(async () => {
    await bot?.close();
    await patreon?.stop();
  });

  const webhookUrl = () => `${bot.address}/webhooks/patreon`;
  const add = (id: number) => bot.anime(ADMIN, 'add', [option.string('anime', String(id))]);
  const patreonTier = async () =>
    (await bot.store.repositories.patreon.guildStates()).find((state) => state.guildId === bot.server.guildId)?.patreonTier ?? null;

  /** The admin pledges $5 on Patreon, with their Discord account connected there, for this server. */
  const supporter = async () => {
    const tier = patreon.addTier({ title: 'Supporter+', amountCents: 500 });
    const user = patreon.addUser({ fullName: 'Admin on Patreon', discordUserId: ADMIN.id });
    await bot.store.repositories.patreon.assignments.assign(ADMIN.id, bot.server.guildId, Date.now());
    return { tier, user };
  };

  const start = async () => {
    patreon = await startPatreonEmulator();
    bot = await startPatreonBot(dialect, patreon);
    await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    await add(101);
    await add(102);
    expect((await add(103)).content).toMatch(/full|limit/i);
  };

  it('a valid pledge lifts the limit at once; a forged one gets 401 and changes nothing', async () => {
    await start();
    const { tier, user } = await supporter();
    const member = patreon.addMember({ userId: user.id, tierIds: [tier.id] });

    const forged = await patreon.sendWebhook({ url: webhookUrl(), trigger: 'members:pledge:create', memberId: member.id, secret: SECRET, signature: 'forged' });
    expect(forged.status).toBe(401);
    const unsigned = await fetch(webhookUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-patreon-event': 'members:pledge:create' },
      body: forged.rawBody,
    });
    expect(unsigned.status).toBe(401);
    expect(await bot.store.repositories.patreon.members.all()).toEqual([]);
    expect(await patreonTier()).toBeNull();
    expect((await add(103)).content).toMatch(/full|limit/i);

    const valid = await patreon.sendWebhook({ url: webhookUrl(), trigger: 'members:pledge:create', memberId: member.id, secret: SECRET });
    expect(valid.status).toBe(200);
    expect(await patreonTier()).toBe('supporter_plus');
    expect((await add(103)).content).not.toMatch(/full|limit/i);
    expect(await bot.store.repositories.trackedAnime.countForGuild(bot.server.guildId)).toBe(3);
  }, 60_000);

  it('a replayed or out-of-date webhook changes nothing', async () => {
    await start();
    const { tier, user } = await supporter();
    const member = patreon.addMember({ userId: user.id, tierIds: [tier.id], lastChargeDate: '2026-11-01T00:00:00.000+00:00' });
    const pledge = await patreon.sendWebhook({ url: webhookUrl(), trigger: 'members:pledge:create', memberId: member.id, secret: SECRET });
    expect(pledge.status).toBe(200);
    expect(await patreonTier()).toBe('supporter_plus');

    // They cancel: premium ends. Replaying the pledge (same bytes, valid signature) must not bring it back.
    patreon.updateMember(member.id, { patronStatus: 'former_patron', entitledCents: 0, tierIds: [] });
    expect((await patreon.sendWebhook({ url: webhookUrl(), trigger: 'members:pledge:delete', memberId: member.id, secret: SECRET })).status).toBe(200);
    expect(await patreonTier()).toBeNull();
    const replay = await patreon.resendWebhook(pledge.rawBody, pledge.headers, webhookUrl());
    expect(replay.status).toBe(200);
    expect(await patreonTier()).toBeNull();

    // They pledge again on 1 December; a late webhook about October's charge is history.
    patreon.updateMember(member.id, {
      patronStatus: 'active_patron',
      lastChargeStatus: 'Paid',
      lastChargeDate: '2026-12-01T00:00:00.000+00:00',
      entitledCents: 500,
      tierIds: [tier.id],
    });
    expect((await patreon.sendWebhook({ url: webhookUrl(), trigger: 'members:pledge:create', memberId: member.id, secret: SECRET })).status).toBe(200);
    patreon.updateMember(member.id, { patronStatus: 'former_patron', lastChargeDate: '2026-10-01T00:00:00.000+00:00', entitledCents: 0, tierIds: [] });
    const late = await patreon.sendWebhook({ url: webhookUrl(), trigger: 'members:update', memberId: member.id, secret: SECRET });
    expect(late.status).toBe(200);
    expect(await patreonTier()).toBe('supporter_plus');
  }, 60_000);

  it('a pledge whose webhook never came is found by the next rescan', async () => {
    await start();
    const { tier, user } = await supporter();
    patreon.addMember({ userId: user.id, tierIds: [tier.id] });
    expect(await patreonTier()).toBeNull();
    await bot.app.premium?.rescanNow();
    expect(await patreonTier()).toBe('supporter_plus');
    expect((await add(103)).content).not.toMatch(/full|limit/i);
    const scans = patreon.requests().filter((request) => request.route === 'members');
    expect(scans.at(-1)?.status).toBe(200);
    expect(scans.at(-1)?.auth?.kind).toBe('creator');
  }, 60_000);
});
