// What processing a delivery needs to know from the store, read for a whole claim at once: a
// claim is at most a couple of seconds of sending (worker.ts), and reading each delivery's
// server, channel, list entry, airing and anime one query at a time cost more than sending it.
import type { Airing, Media } from '../domain/media.ts';
import type { Delivery, GuildSettings, NotifyChannel, Repositories, TrackedAnime } from '../store/repositories.ts';

export interface DeliveryFacts {
  guild: GuildSettings | undefined;
  channel: NotifyChannel | undefined;
  tracked: TrackedAnime | undefined;
  airing: Airing | undefined;
  media: Media | undefined;
  subscribers: string[];
}

type Stores = Pick<Repositories, 'guilds' | 'trackedAnime' | 'airings' | 'media' | 'subscriptions'>;

export async function loadDeliveryFacts(deliveries: readonly Delivery[], stores: Stores): Promise<(delivery: Delivery) => DeliveryFacts> {
  const guildIds = [...new Set(deliveries.map((delivery) => delivery.guildId))];
  const episodes = new Map(deliveries.map((delivery) => [`${delivery.mediaId}:${delivery.episode}`, delivery]));
  const [guilds, channels, tracked, airings, media, subscribers] = await Promise.all([
    stores.guilds.getMany(guildIds),
    stores.guilds.getNotifyChannels(guildIds),
    stores.trackedAnime.getMany(deliveries),
    // A fan-out is many servers and few episodes: one lookup per episode.
    Promise.all([...episodes.values()].map((delivery) => stores.airings.get(delivery.mediaId, delivery.episode))),
    stores.media.getMany([...new Set(deliveries.map((delivery) => delivery.mediaId))]),
    stores.subscriptions.subscribersOf(deliveries),
  ]);
  const guildById = new Map(guilds.map((guild) => [guild.guildId, guild]));
  const trackedByKey = new Map(tracked.map((entry) => [`${entry.guildId}:${entry.mediaId}`, entry]));
  const airingByKey = new Map(airings.flatMap((airing) => (airing ? [[`${airing.mediaId}:${airing.episode}`, airing] as const] : [])));
  const mediaById = new Map(media.map((details) => [details.id, details]));
  return (delivery) => ({
    guild: guildById.get(delivery.guildId),
    channel: channels.get(delivery.guildId),
    tracked: trackedByKey.get(`${delivery.guildId}:${delivery.mediaId}`),
    airing: airingByKey.get(`${delivery.mediaId}:${delivery.episode}`),
    media: mediaById.get(delivery.mediaId),
    subscribers: subscribers.get(`${delivery.guildId}:${delivery.mediaId}`) ?? [],
  });
}
