// The sandbox's anime: well-known shows, laid out around the moment the sandbox starts so that
// an episode of some anime airs every minute or two while someone watches. Titles and facts are
// the public ones; ids are the shows' AniList ids so links lead somewhere sensible.
import { fakeMedia, type FakeAiring, type FakeMedia } from '@anitrack/anilist-emulator';

interface Show {
  id: number;
  romaji: string;
  english: string | null;
  native: string;
  episodes: number | null;
  format?: string;
  status?: 'RELEASING' | 'NOT_YET_RELEASED' | 'FINISHED' | 'HIATUS' | 'CANCELLED';
  color: string;
  streaming: string[];
}

const SHOWS: Show[] = [
  {
    id: 154587,
    romaji: 'Sousou no Frieren',
    english: "Frieren: Beyond Journey's End",
    native: '葬送のフリーレン',
    episodes: 28,
    color: '#e4a15d',
    streaming: ['Crunchyroll'],
  },
  {
    id: 16498,
    romaji: 'Shingeki no Kyojin',
    english: 'Attack on Titan',
    native: '進撃の巨人',
    episodes: 25,
    color: '#e4a143',
    streaming: ['Crunchyroll', 'Netflix'],
  },
  { id: 21, romaji: 'ONE PIECE', english: 'ONE PIECE', native: 'ONE PIECE', episodes: null, color: '#e4a15d', streaming: ['Crunchyroll', 'Netflix'] },
  {
    id: 101922,
    romaji: 'Kimetsu no Yaiba',
    english: 'Demon Slayer: Kimetsu no Yaiba',
    native: '鬼滅の刃',
    episodes: 26,
    color: '#4b3558',
    streaming: ['Crunchyroll'],
  },
  { id: 113415, romaji: 'Jujutsu Kaisen', english: 'JUJUTSU KAISEN', native: '呪術廻戦', episodes: 24, color: '#5d0d28', streaming: ['Crunchyroll'] },
  { id: 140960, romaji: 'SPY×FAMILY', english: 'SPY x FAMILY', native: 'SPY×FAMILY', episodes: 25, color: '#f1c95d', streaming: ['Crunchyroll', 'Netflix'] },
  { id: 127230, romaji: 'Chainsaw Man', english: 'Chainsaw Man', native: 'チェンソーマン', episodes: 12, color: '#e45d35', streaming: ['Crunchyroll'] },
  {
    id: 151807,
    romaji: 'Ore dake Level Up na Ken',
    english: 'Solo Leveling',
    native: '俺だけレベルアップな件',
    episodes: 12,
    color: '#1a3c78',
    streaming: ['Crunchyroll'],
  },
  { id: 153518, romaji: 'Dungeon Meshi', english: 'Delicious in Dungeon', native: 'ダンジョン飯', episodes: 24, color: '#f1a150', streaming: ['Netflix'] },
  { id: 145064, romaji: 'Jigokuraku', english: "Hell's Paradise", native: '地獄楽', episodes: 13, color: '#e47850', streaming: ['Crunchyroll'] },
  {
    id: 146065,
    romaji: 'Mushoku Tensei II: Isekai Ittara Honki Dasu',
    english: 'Mushoku Tensei: Jobless Reincarnation Season 2',
    native: '無職転生 Ⅱ',
    episodes: 12,
    color: '#5db0e4',
    streaming: ['Crunchyroll'],
  },
  { id: 150672, romaji: '【Oshi no Ko】', english: '[Oshi No Ko]', native: '【推しの子】', episodes: 11, color: '#e45da1', streaming: ['HIDIVE'] },
  {
    id: 130003,
    romaji: 'Bocchi the Rock!',
    english: 'BOCCHI THE ROCK!',
    native: 'ぼっち・ざ・ろっく！',
    episodes: 12,
    color: '#f1a1c9',
    streaming: ['Crunchyroll'],
  },
  {
    id: 136430,
    romaji: 'Vinland Saga Season 2',
    english: 'VINLAND SAGA Season 2',
    native: 'ヴィンランド・サガ SEASON2',
    episodes: 24,
    color: '#a17850',
    streaming: ['Crunchyroll', 'Netflix'],
  },
  {
    id: 141911,
    romaji: 'Skip to Loafer',
    english: 'Skip and Loafer',
    native: 'スキップとローファー',
    episodes: 12,
    color: '#a1d6f1',
    streaming: ['Crunchyroll'],
  },
  {
    id: 159831,
    romaji: 'Kusuriya no Hitorigoto',
    english: 'The Apothecary Diaries',
    native: '薬屋のひとりごと',
    episodes: 24,
    color: '#5da16b',
    streaming: ['Crunchyroll'],
  },
  {
    id: 154391,
    romaji: 'Boku no Kokoro no Yabai Yatsu',
    english: 'The Dangers in My Heart',
    native: '僕の心のヤバイやつ',
    episodes: 12,
    color: '#e4a1a1',
    streaming: ['HIDIVE'],
  },
  { id: 163132, romaji: 'Dandadan', english: 'DAN DA DAN', native: 'ダンダダン', episodes: 12, color: '#50e4a1', streaming: ['Crunchyroll', 'Netflix'] },
  { id: 166531, romaji: 'Ao no Hako', english: 'Blue Box', native: 'アオのハコ', episodes: 25, color: '#5d8fe4', streaming: ['Netflix'] },
  { id: 170942, romaji: 'Kaijuu 8-gou', english: 'Kaiju No. 8', native: '怪獣８号', episodes: 12, color: '#3a5de4', streaming: ['Crunchyroll'] },
  {
    id: 171018,
    romaji: 'Ookami to Koushinryou: merchant meets the wise wolf',
    english: 'Spice and Wolf: MERCHANT MEETS THE WISE WOLF',
    native: '狼と香辛料 MERCHANT MEETS THE WISE WOLF',
    episodes: 25,
    color: '#e4c95d',
    streaming: ['Crunchyroll'],
  },
  {
    id: 158927,
    romaji: 'Mashle 2nd Season',
    english: 'MASHLE: MAGIC AND MUSCLES Season 2',
    native: 'マッシュル-MASHLE- 神覚者候補選抜試験編',
    episodes: 12,
    color: '#f1e45d',
    streaming: ['Crunchyroll'],
  },
  {
    id: 162804,
    romaji: 'Tensei shitara Slime Datta Ken 3rd Season',
    english: 'That Time I Got Reincarnated as a Slime Season 3',
    native: '転生したらスライムだった件 第3期',
    episodes: 24,
    color: '#5dc9f1',
    streaming: ['Crunchyroll'],
  },
  {
    id: 166240,
    romaji: 'Re:Zero kara Hajimeru Isekai Seikatsu 3rd Season',
    english: 'Re:ZERO -Starting Life in Another World- Season 3',
    native: 'Re:ゼロから始める異世界生活 3rd season',
    episodes: 16,
    color: '#a15de4',
    streaming: ['Crunchyroll'],
  },
  {
    id: 163146,
    romaji: 'Shikanoko Nokonoko Koshitantan',
    english: 'My Deer Friend Nokotan',
    native: 'しかのこのこのここしたんたん',
    episodes: 12,
    color: '#a1e45d',
    streaming: ['Crunchyroll'],
  },
  {
    id: 172463,
    romaji: 'Make Heroine ga Oosugiru!',
    english: 'Too Many Losing Heroines!',
    native: '負けヒロインが多すぎる！',
    episodes: 12,
    color: '#5de4d6',
    streaming: ['Crunchyroll'],
  },
  {
    id: 176496,
    romaji: 'Ore dake Level Up na Ken: Season 2',
    english: 'Solo Leveling Season 2 -Arise from the Shadow-',
    native: '俺だけレベルアップな件 Season 2',
    episodes: 13,
    color: '#1a2c78',
    streaming: ['Crunchyroll'],
  },
  { id: 173385, romaji: 'Ranma ½ (2024)', english: 'Ranma1/2', native: 'らんま1/2', episodes: 12, color: '#e45d5d', streaming: ['Netflix'] },
  {
    id: 169755,
    romaji: 'Mahou Shoujo ni Akogarete',
    english: 'Gushing over Magical Girls',
    native: '魔法少女にあこがれて',
    episodes: 13,
    color: '#e45dc9',
    streaming: ['HIDIVE'],
  },
  { id: 177709, romaji: 'Sakamoto Days', english: 'SAKAMOTO DAYS', native: 'SAKAMOTO DAYS', episodes: 11, color: '#e4d65d', streaming: ['Netflix'] },
  {
    id: 178025,
    romaji: 'Kusuriya no Hitorigoto 2nd Season',
    english: 'The Apothecary Diaries Season 2',
    native: '薬屋のひとりごと 第2期',
    episodes: 24,
    color: '#6bb05d',
    streaming: ['Crunchyroll'],
  },
  {
    id: 180745,
    romaji: 'Kaoru Hana wa Rin to Saku',
    english: 'The Fragrant Flower Blooms with Dignity',
    native: '薫る花は凛と咲く',
    episodes: 13,
    color: '#c9a1e4',
    streaming: ['Netflix'],
  },
  { id: 182896, romaji: 'Gachiakuta', english: 'Gachiakuta', native: 'ガチアクタ', episodes: 24, color: '#78a15d', streaming: ['Crunchyroll'] },
  // Not yet airing: can be added (the premiere is within 60 days).
  {
    id: 185000,
    romaji: 'Sandbox Shinsaku',
    english: 'Sandbox Premiere',
    native: 'サンドボックス新作',
    episodes: 12,
    status: 'NOT_YET_RELEASED',
    color: '#5de46b',
    streaming: [],
  },
  {
    id: 185001,
    romaji: 'Mirai no Anime',
    english: 'An Anime Far Away',
    native: '未来のアニメ',
    episodes: 12,
    status: 'NOT_YET_RELEASED',
    color: '#8f8f8f',
    streaming: [],
  },
  // Finished, on hiatus or cancelled: /anime add refuses them, as it should.
  {
    id: 5114,
    romaji: 'Hagane no Renkinjutsushi: FULLMETAL ALCHEMIST',
    english: 'Fullmetal Alchemist: Brotherhood',
    native: '鋼の錬金術師 FULLMETAL ALCHEMIST',
    episodes: 64,
    status: 'FINISHED',
    color: '#e4a15d',
    streaming: ['Crunchyroll', 'Netflix'],
  },
  {
    id: 1535,
    romaji: 'DEATH NOTE',
    english: 'Death Note',
    native: 'デスノート',
    episodes: 37,
    status: 'FINISHED',
    color: '#1a1a1a',
    streaming: ['Crunchyroll'],
  },
  {
    id: 9253,
    romaji: 'Steins;Gate',
    english: 'Steins;Gate',
    native: 'シュタインズ・ゲート',
    episodes: 24,
    status: 'FINISHED',
    color: '#6b6b6b',
    streaming: ['Crunchyroll'],
  },
  { id: 185002, romaji: 'Yasumi Chuu', english: 'On a Long Break', native: '休み中', episodes: 24, status: 'HIATUS', color: '#8f8f8f', streaming: [] },
  {
    id: 185003,
    romaji: 'Chuushi Sakuhin',
    english: 'A Cancelled Show',
    native: '中止作品',
    episodes: 12,
    status: 'CANCELLED',
    color: '#8f8f8f',
    streaming: [],
  },
];

const STREAMING_URLS: Record<string, string> = {
  Crunchyroll: 'https://www.crunchyroll.com/',
  Netflix: 'https://www.netflix.com/',
  HIDIVE: 'https://www.hidive.com/',
};

export interface SandboxDataset {
  media: FakeMedia[];
  airings: FakeAiring[];
}

/** Every airing show gets an episode about every `spacingSeconds` in turn, starting soon after `startSeconds`. */
export function sandboxDataset(startSeconds: number, spacingSeconds = 90): SandboxDataset {
  const media = SHOWS.map((show) =>
    fakeMedia(show.id, {
      idMal: null,
      title: { romaji: show.romaji, english: show.english, native: show.native },
      format: show.format ?? 'TV',
      status: show.status ?? 'RELEASING',
      episodes: show.episodes,
      seasonYear: 2026,
      season: 'FALL',
      description: `${show.english ?? show.romaji}: a show of the AniTrack sandbox.`,
      coverImage: { extraLarge: null, large: null, medium: null, color: show.color },
      externalLinks: show.streaming.map((site, index) => ({ id: show.id * 10 + index, site, url: STREAMING_URLS[site] ?? null, type: 'STREAMING' as const })),
    }),
  );
  const airing = SHOWS.filter((show) => (show.status ?? 'RELEASING') === 'RELEASING');
  const airings: FakeAiring[] = [];
  airing.forEach((show, index) => {
    // Each show is partway through its run; its next episodes follow a weekly rhythm squeezed
    // into minutes so the sandbox shows notifications while someone watches.
    const firstEpisode = 3 + (index % 5);
    for (let step = 0; step < 4; step++) {
      airings.push({
        id: show.id * 100 + step,
        mediaId: show.id,
        episode: firstEpisode + step,
        airingAt: startSeconds + 60 + index * spacingSeconds + step * airing.length * spacingSeconds,
      });
    }
  });
  const premiere = SHOWS.find((show) => show.id === 185000)!;
  airings.push({ id: premiere.id * 100, mediaId: premiere.id, episode: 1, airingAt: startSeconds + 3 * 86_400 });
  airings.push({ id: 185001 * 100, mediaId: 185001, episode: 1, airingAt: startSeconds + 120 * 86_400 });
  return { media, airings };
}
