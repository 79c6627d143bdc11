import { describe, expect, it } from 'vitest';
import { mentionChunks } from '../../src/delivery/mentions.ts';
import { renderNotification, type RenderInput } from '../../src/delivery/render.ts';
import type { Media } from '../../src/domain/media.ts';

const AIRING = Date.UTC(2026, 10, 26, 15);
const media: Media = {
  id: 21,
  idMal: 1,
  title: { romaji: 'Sousou no Frieren', english: "Frieren: Beyond Journey's End", native: '葬送のフリーレン' },
  format: 'TV',
  status: 'RELEASING',
  episodes: 28,
  duration: 24,
  season: 'FALL',
  seasonYear: 2026,
  description: null,
  coverImage: 'https://s4.anilist.co/file/anilistcdn/media/anime/cover/large/bx21.jpg',
  coverColor: '#e4a15d',
  bannerImage: null,
  siteUrl: 'https://anilist.co/anime/21',
  isAdult: false,
  genres: [],
  streamingLinks: [{ site: 'Crunchyroll', url: 'https://www.crunchyroll.com/series/frieren' }],
  fetchedAt: 0,
};
const input = (changes: Partial<RenderInput> = {}): RenderInput => ({
  kind: 'aired',
  media,
  episode: 5,
  airingAt: AIRING,
  nickname: 'frieren',
  language: 'english',
  subscribers: [],
  now: AIRING + 1000,
  ...changes,
});

describe('rendering a notification', () => {
  it('shows the title in the server language, the episode, cover, colour, links and a bell', () => {
    const [message, ...rest] = renderNotification(input());
    expect(rest).toEqual([]);
    const embed = message!.embeds![0]!;
    expect(embed).toMatchObject({
      title: "Frieren: Beyond Journey's End",
      url: 'https://anilist.co/anime/21',
      thumbnail: { url: media.coverImage },
      color: 0xe4a15d,
      author: { name: 'New episode' },
      fields: [{ name: 'Watch on', value: '[Crunchyroll](https://www.crunchyroll.com/series/frieren)' }],
    });
    expect(embed.description).toContain('**Episode 5 of 28** just aired (<t:1795705200:t>).');
    expect(message!.components).toEqual([
      { type: 1, components: [{ type: 2, style: 2, custom_id: 'bell:21', emoji: { name: '🔔' }, label: 'Ping me for new episodes' }] },
    ]);
    expect(message!.allowed_mentions).toEqual({ parse: [], users: [] });
  });

  it('marks the finale, says how late a caught-up notification is, and words reminders differently', () => {
    expect(renderNotification(input({ episode: 28 }))[0]!.embeds![0]!.description).toContain('**Episode 28 of 28**, the finale,');
    expect(renderNotification(input({ now: AIRING + 3 * 3_600_000 }))[0]!.embeds![0]!.description).toContain('aired 3 hours ago');
    const reminder = renderNotification(input({ kind: 'reminder', now: AIRING - 1_800_000 }))[0]!.embeds![0]!;
    expect(reminder.author).toEqual({ name: 'Reminder' });
    expect(reminder.description).toBe('**Episode 5 of 28** airs <t:1795705200:R> (<t:1795705200:t>).');
    expect(reminder.color).not.toBe(0xe4a15d);
  });

  it('pings 250 subscribers across messages under 2,000 characters, each exactly once, naming exactly them', () => {
    const subscribers = Array.from({ length: 250 }, (_, index) => `3${String(index).padStart(17, '0')}`);
    const messages = renderNotification(input({ subscribers }));
    expect(messages.length).toBe(Math.ceil(250 / 90));
    const pinged: string[] = [];
    for (const message of messages) {
      expect(message.content!.length).toBeLessThanOrEqual(2000);
      const inContent = [...message.content!.matchAll(/<@(\d+)>/g)].map((match) => match[1]!);
      expect(message.allowed_mentions).toEqual({ parse: [], users: inContent });
      expect(inContent.length).toBeLessThanOrEqual(100);
      pinged.push(...inContent);
    }
    expect(pinged.sort()).toEqual([...subscribers].sort());
    expect(messages.slice(1).every((message) => message.embeds === undefined)).toBe(true);
  });

  it('never lets more than 100 users into one message, even with short ids', () => {
    const chunks = mentionChunks(Array.from({ length: 230 }, (_, index) => String(index + 1)));
    expect(chunks.map((chunk) => chunk.userIds.length)).toEqual([100, 100, 30]);
  });
});
