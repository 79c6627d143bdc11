// Our documents must be valid for AniList itself, not only for the fake: checked against the
// full published schema whenever its file is present.
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ALL_DOCUMENTS } from '../../src/anilist/queries.ts';
import { FULL_SCHEMA_MISSING, loadFullAniListSchema } from '../support/anilist-full-schema.ts';

describe("AniTrack's AniList queries", () => {
  it.for(ALL_DOCUMENTS.map((document) => [document.operationName, document] as const))('%s validates against the AniList schema', ([, document], context) => {
    const schema = loadFullAniListSchema();
    if (!schema) return context.skip(FULL_SCHEMA_MISSING);
    expect(validate(schema, parse(document.query)).map((error) => error.message)).toEqual([]);
  });

  it('names each operation as the document does', () => {
    for (const document of ALL_DOCUMENTS) expect(document.query).toContain(`query ${document.operationName}(`);
  });
});
