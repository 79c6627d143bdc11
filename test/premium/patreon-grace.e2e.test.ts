// A payment that fails: the server keeps premium through the grace period and its admins are told
// once; when the grace period ends unpaid, the anime past the free list are paused (nothing is
// deleted, subscriptions stay) and the admins are told once more; paying again brings it all back.
import { afterEach, describe, expect, it } from 'vitest';
import { startPatreonEmulator, type PatreonEmulator, type WebhookTrigger } from '@anitrack/patreon-emulator';
import { fakeMedia } from '@anitrack/anilist-emulator';
import { ADMIN, MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { DIALECTS } from '../support/stores.ts';

const SECRET = 'patreon-webhook-secret-for-tests';
const DAY = 24 * 3_600_000;
const MEDIA = [201, 202, 203, 204].map((id) => fakeMedia(id, { title: { romaji: `Grace Test ${id}`, english: null, native: null } }));

describe.each(DIALECTS)('a failed Patreon payment on %s', (dialect) => {
  let bot: BotHarness;
  let patreon: PatreonEmulator;
  afterEach(async () => {
    await bot?.close();
    await patreon?.stop();
  });

  it('keeps premium through the grace period, then pauses without deleting, and comes back with the payment', async () => {
    let offset = 0;
    const clock = { now: () => Date.now() + offset };
    patreon = await startPatreonEmulator({ now: () => clock.now() });
    const tier = patreon.addTier({ title: 'Supporter+', amountCents: 500 });
    const user = patreon.addUser({ fullName: 'Admin on Patreon', discordUserId: ADMIN.id });
    const member = patreon.addMember({ userId: user.id, tierIds: [tier.id] });
    bot = await startBot(dialect, {
      media: MEDIA,
      clock,
      settings: {
        PATREON_API_URL: patreon.url,
        PATREON_CAMPAIGN_ID: patreon.campaignId,
        PATREON_CREATOR_TOKEN: patreon.creatorToken,
        PATREON_WEBHOOK_SECRET: SECRET,
        PATREON_GRACE_DAYS: '3',
        PATREON_RESCAN_MINUTES: '600',
        FREE_MAX_ANIME: '2',
        SUPPORTER_PLUS_MAX_ANIME: '4',
      },
    });
    const { repositories } = bot.store;
    const guildId = bot.server.guildId;
    await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    await repositories.patreon.assignments.assign(ADMIN.id, guildId, clock.now());
    await bot.app.premium!.rescanNow();
    for (const id of [201, 202, 203, 204]) expect((await bot.anime(ADMIN, 'add', [option.string('anime', String(id))])).content).not.toMatch(/full/i);
    await bot.anime(MEMBER, 'subscribe', [option.string('anime', '204')]);

    const told = (pattern: RegExp) => bot.discord.messages(bot.server.channelId).filter((message) => pattern.test(message.body.content ?? ''));
    const paused = async () =>
      (await repositories.trackedAnime.listForGuild(guildId)).filter((item) => item.limitPausedAt !== null).map((item) => item.mediaId);
    const webhook = (trigger: WebhookTrigger) => patreon.sendWebhook({ url: `${bot.address}/webhooks/patreon`, trigger, memberId: member.id, secret: SECRET });

    // The card is declined: premium holds, the admins hear of it once.
    patreon.updateMember(member.id, { patronStatus: 'declined_patron', lastChargeStatus: 'Declined', lastChargeDate: new Date(clock.now()).toISOString() });
    expect((await webhook('members:update')).status).toBe(200);
    await bot.app.premium!.rescanNow();
    expect(told(/did not go through/)).toHaveLength(1);
    expect(await paused()).toEqual([]);
    expect((await bot.anime(MEMBER, 'premium')).content).toMatch(/Supporter\+/);

    // Three days and an hour later, still unpaid: the newest two are paused, nothing is deleted.
    offset = 3 * DAY + 3_600_000;
    await bot.app.premium!.rescanNow();
    await bot.app.premium!.rescanNow();
    expect(await paused()).toEqual([203, 204]);
    expect(await repositories.trackedAnime.countForGuild(guildId)).toBe(4);
    expect(await repositories.subscriptions.subscribers(guildId, 204)).toEqual([MEMBER.id]);
    expect(told(/has ended/)).toHaveLength(1);
    expect(told(/did not go through/)).toHaveLength(1);

    // The payment goes through: everything resumes.
    const thanksBefore = told(/Thanks to a supporter/).length;
    patreon.updateMember(member.id, { patronStatus: 'active_patron', lastChargeStatus: 'Paid', lastChargeDate: new Date(clock.now()).toISOString() });
    expect((await webhook('members:update')).status).toBe(200);
    expect(await paused()).toEqual([]);
    expect(told(/Thanks to a supporter/)).toHaveLength(thanksBefore + 1);
    expect(told(/has ended/)).toHaveLength(1);
  }, 90_000);
});
