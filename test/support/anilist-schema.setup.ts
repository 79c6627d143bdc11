// Every test's local AniList checks the queries it receives against AniList's full schema when
// the schema file is beside the checkout, so a query AniList would refuse fails here too.
import { useFullAniListSchema } from '@anitrack/anilist-emulator';
import { loadFullAniListSchema } from './anilist-full-schema.ts';

useFullAniListSchema(loadFullAniListSchema());
