// /anime as plain Discord API data. Importing this file starts nothing, so registration and
// documentation can load it. Option limits here are also enforced on our side (a forged request
// is not bound by what Discord's client shows).
import {
  ApplicationCommandOptionType as Option,
  ChannelType,
  InteractionContextType,
  ApplicationIntegrationType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

export const NICKNAME_MAX = 32;
export const LOCKABLE_COMMANDS = ['add', 'remove', 'rename', 'import', 'subscribe'] as const;

const anime = (description: string) => ({ type: Option.String, name: 'anime', description, required: true, autocomplete: true, max_length: 100 }) as const;
const nickname = (required: boolean) =>
  ({ type: Option.String, name: 'nickname', description: 'A short name to refer to it by on this server', required, min_length: 1, max_length: NICKNAME_MAX }) as const;

export const animeDefinition = {
  name: 'anime',
  description: 'Follow anime and get pinged when new episodes air',
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    { type: Option.Subcommand, name: 'add', description: "Add an anime to this server's list", options: [anime('Title or AniList id; suggestions appear as you type'), nickname(false)] },
    { type: Option.Subcommand, name: 'remove', description: "Remove an anime from this server's list", options: [anime('The anime to remove')] },
    {
      type: Option.Subcommand,
      name: 'list',
      description: "Show this server's list, or the anime you subscribed to",
      options: [
        {
          type: Option.String,
          name: 'filter',
          description: 'Which list (default: the server’s)',
          choices: [
            { name: "This server's list", value: 'server' },
            { name: 'My subscriptions', value: 'subscribed' },
          ],
        },
      ],
    },
    { type: Option.Subcommand, name: 'subscribe', description: 'Get pinged when a new episode of an anime airs', options: [anime('The anime to follow')] },
    { type: Option.Subcommand, name: 'unsubscribe', description: 'Stop being pinged for an anime', options: [anime('The anime to stop following')] },
    { type: Option.Subcommand, name: 'info', description: 'Details about an anime', options: [anime('The anime')] },
    { type: Option.Subcommand, name: 'when', description: 'When the next episode of an anime airs', options: [anime('The anime')] },
    { type: Option.Subcommand, name: 'rename', description: 'Give an anime on this server’s list another nickname', options: [anime('The anime to rename'), nickname(true)] },
    {
      type: Option.Subcommand,
      name: 'schedule',
      description: "What airs in the next days from this server's list",
      options: [{ type: Option.Integer, name: 'days', description: 'How many days ahead (1 to 7, default 7)', min_value: 1, max_value: 7 }],
    },
    {
      type: Option.Subcommand,
      name: 'import',
      description: 'Add the airing anime of an AniList or MyAnimeList list',
      options: [
        {
          type: Option.String,
          name: 'platform',
          description: 'Where the list is',
          required: true,
          choices: [
            { name: 'AniList', value: 'anilist' },
            { name: 'MyAnimeList', value: 'myanimelist' },
          ],
        },
        { type: Option.String, name: 'username', description: 'The list owner’s user name there', required: true, min_length: 2, max_length: 50 },
        {
          type: Option.String,
          name: 'list',
          description: 'Which list',
          required: true,
          choices: [
            { name: 'Watching', value: 'watching' },
            { name: 'Plan to watch', value: 'planning' },
          ],
        },
        {
          type: Option.String,
          name: 'status',
          description: 'Which anime of the list',
          required: true,
          choices: [
            { name: 'Airing', value: 'airing' },
            { name: 'Not yet aired', value: 'not_yet_aired' },
            { name: 'Both', value: 'both' },
          ],
        },
      ],
    },
    {
      type: Option.Subcommand,
      name: 'analytics',
      description: 'What is popular with AniTrack servers',
      options: [
        {
          type: Option.String,
          name: 'view',
          description: 'Which view',
          required: true,
          choices: [
            { name: 'Top 10 most added', value: 'top_added' },
            { name: 'Top 10 most subscribed', value: 'top_subscribed' },
            { name: 'A random tracked anime', value: 'random' },
          ],
        },
      ],
    },
    {
      type: Option.SubcommandGroup,
      name: 'admin',
      description: 'Server settings (Manage Server permission)',
      options: [
        {
          type: Option.Subcommand,
          name: 'setchannel',
          description: 'Post notifications in a channel',
          options: [{ type: Option.Channel, name: 'channel', description: 'The channel', required: true, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] }],
        },
        { type: Option.Subcommand, name: 'removechannel', description: 'Stop posting notifications and delete our webhook' },
        {
          type: Option.Subcommand,
          name: 'editpermission',
          description: 'Limit a command to a role, or open it to everyone again',
          options: [
            { type: Option.Boolean, name: 'enable', description: 'True: only this role may use it. False: remove this role’s lock', required: true },
            { type: Option.String, name: 'command', description: 'The command', required: true, choices: LOCKABLE_COMMANDS.map((name) => ({ name, value: name })) },
            { type: Option.Role, name: 'role', description: 'The role', required: true },
          ],
        },
        {
          type: Option.Subcommand,
          name: 'settings',
          description: 'Reminders, notification delay and title language',
          options: [
            { type: Option.Integer, name: 'reminder', description: 'Minutes before airing to post a reminder (0 turns it off)', min_value: 0, max_value: 1440 },
            { type: Option.Integer, name: 'delay', description: 'Minutes after airing to post the notification (0 to 1440)', min_value: 0, max_value: 1440 },
            {
              type: Option.String,
              name: 'language',
              description: 'Which title to show',
              choices: [
                { name: 'Romaji', value: 'romaji' },
                { name: 'English', value: 'english' },
                { name: 'Native', value: 'native' },
              ],
            },
          ],
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
