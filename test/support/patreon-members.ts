// A campaign member as Patreon's rescan would store it: a Supporter+ pledge (500 cents), paid yesterday.
import type { PatreonMemberReport } from '../../src/store/repositories.ts';

const DAY = 24 * 3_600_000;

export const supporterReport = (discordUserId: string | null, patch: Partial<PatreonMemberReport> = {}): PatreonMemberReport => ({
  id: '2f1d8a9e-0000-4000-8000-000000000001',
  patreonUserId: '70000001',
  discordUserId,
  patronStatus: 'active_patron',
  lastChargeStatus: 'Paid',
  lastChargeAt: Date.now() - DAY,
  entitledCents: 500,
  tierIds: [],
  ...patch,
});
