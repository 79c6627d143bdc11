// The logged-in member's own data: export it, or delete it (which also logs them out everywhere).
import type { MyData } from '../my-data.ts';
import { deletionSummary } from '../my-data.ts';
import { defineRoute } from './api-route.ts';
import { deletedAnswer, myDataAnswer } from './my-data.schemas.ts';

export function myDataRoutes(myData: MyData) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/me/data',
      summary: 'Everything AniTrack keeps about you, as /debug exports it',
      answer: myDataAnswer,
      status: 200,
      handle: ({ session }) => myData.export(session),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/me/data/delete',
      summary: 'Deletes your data everywhere, as /debug does, ends every dashboard login and revokes them at Discord',
      answer: deletedAnswer,
      status: 200,
      async handle({ session }) {
        const deleted = await myData.delete(session);
        return { deleted, message: deletionSummary(deleted) };
      },
    }),
  ];
}
