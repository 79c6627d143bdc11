// Every command and component AniTrack answers. Registration sends the definitions to Discord.
import { animeCommand } from './anime.command.ts';
import { bellComponent } from './bell.component.ts';
import type { CommandModule, ComponentHandler } from './command.ts';
import { debugCommand, debugConfirmComponent } from './debug.command.ts';
import { helpCommand } from './help.command.ts';

export const COMMANDS: readonly CommandModule[] = [animeCommand, helpCommand, debugCommand];
export const COMPONENTS: readonly ComponentHandler[] = [bellComponent, debugConfirmComponent];

export const commandDefinitions = () => COMMANDS.map((command) => command.definition);
