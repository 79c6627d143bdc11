// GET /commands: every slash command with its options and who may use it, for people deciding
// whether to add the bot and members looking for a command. The list is made from the command
// definitions by app.ts (the web server imports nothing of the commands), so it is always the
// one Discord is sent.
import type { FastifyInstance } from 'fastify';
import { escapeHtml as e } from './safe-markdown.ts';
import { page } from './policy.routes.ts';

export interface CommandsPageEntry {
  name: string;
  description: string;
  access: 'everyone' | 'lockable' | 'admin';
  options: readonly { name: string; description: string; required: boolean; values?: string }[];
}

const WHO: Record<CommandsPageEntry['access'], string> = {
  everyone: 'Everyone',
  lockable: "Everyone, unless the server's managers limit it to roles",
  admin: 'Members with Manage Server or Administrator',
};

function entry(command: CommandsPageEntry): string {
  const options = command.options
    .map(
      (option) =>
        `<li><code>${e(option.name)}</code>${option.required ? '' : ' (optional)'}: ${e(option.description)}${option.values ? ` <small>(${e(option.values)})</small>` : ''}</li>`,
    )
    .join('');
  return `<section id="${e(command.name.slice(1).replace(/ /g, '-'))}"><h2><code>${e(command.name)}</code></h2><p>${e(command.description)}</p><p>Who: ${WHO[command.access]}</p>${options ? `<ul>${options}</ul>` : ''}</section>`;
}

export function commandsPage(commands: readonly CommandsPageEntry[]): string {
  const intro = '<h1>AniTrack commands</h1><p>Type them in any channel of a server AniTrack is in. Most answers are seen only by you.</p>';
  return page('AniTrack commands', `${intro}${commands.map(entry).join('')}`, true);
}

export async function commandsRoutes(app: FastifyInstance, options: { commands: readonly CommandsPageEntry[] }): Promise<void> {
  const html = commandsPage(options.commands);
  app.get('/commands', (_request, reply) => reply.type('text/html; charset=utf-8').send(html));
}
