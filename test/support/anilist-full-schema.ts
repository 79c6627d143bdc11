// AniList's full published schema lives outside the project, in the team's notebook beside the
// checkout, and is read from there by tests only, never copied in. Machines without it skip
// what needs it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, type GraphQLSchema } from 'graphql';

export const FULL_SCHEMA_PATH = fileURLToPath(new URL('../../../shared/anilist/schema.graphql', import.meta.url));

export const FULL_SCHEMA_MISSING = `AniList's schema file is not at ${FULL_SCHEMA_PATH}`;

let loaded: GraphQLSchema | null | undefined;

/** The full schema, or undefined when the file is absent. Built once per process (it is 140 kB). */
export function loadFullAniListSchema(): GraphQLSchema | undefined {
  if (loaded === undefined) loaded = existsSync(FULL_SCHEMA_PATH) ? buildSchema(readFileSync(FULL_SCHEMA_PATH, 'utf8')) : null;
  return loaded ?? undefined;
}
