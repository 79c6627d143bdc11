// "My data" on the dashboard, as /debug offers it in Discord: the member's export, and deleting
// everything AniTrack keeps about them. Deleting ends every dashboard login (deleteMemberData
// does), and each login's tokens are revoked at Discord, so AniTrack keeps no access either.
import { deleteMemberData, exportMemberData, type DeletedMemberData, type MemberDataExport } from '../privacy/member-data.ts';
import type { DashboardSession, Repositories } from '../store/repositories.ts';
import type { LoginRevoker } from './login.routes.ts';

export type DeletionReport = Omit<DeletedMemberData, 'endedLogins' | 'premiumChanged'>;

export interface MyData {
  export(session: DashboardSession): Promise<MemberDataExport>;
  delete(session: DashboardSession): Promise<DeletionReport>;
}

export interface MyDataDependencies {
  repositories: Repositories;
  revoke: LoginRevoker;
  forgetUser(userId: string): void;
  /** Works the servers' Patreon tiers out again (a deleted link or server choice may take premium away); none without Patreon. */
  recomputePremium?: (() => Promise<unknown>) | undefined;
  now(): number;
}

export function createMyData(deps: MyDataDependencies): MyData {
  return {
    export: (session) => exportMemberData(deps.repositories, session.userId, deps.now()),
    async delete(session) {
      const { endedLogins, premiumChanged, ...report } = await deleteMemberData(deps.repositories, session.userId);
      deps.forgetUser(session.userId);
      if (premiumChanged) await deps.recomputePremium?.();
      await Promise.all(endedLogins.map((tokens) => deps.revoke(tokens)));
      return report;
    },
  };
}

/** What the deletion did, in plain words. */
export function deletionSummary(report: DeletionReport): string {
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  return [
    `Deleted ${count(report.subscriptions, 'subscription')}`,
    `removed your name from ${count(report.attributions, 'anime', 'anime')} you added and from ${count(report.auditEntries, 'change')} in servers' audit logs`,
    ...(report.ownerships > 0 ? [`forgot that you own ${count(report.ownerships, 'server')}`] : []),
    ...(report.patreonLink ? ['unlinked your Patreon account'] : []),
    ...(report.premiumServer ? ['let go of the server your premium applied to'] : []),
    ...(report.patreonMembers > 0 ? [`removed your Discord account from ${count(report.patreonMembers, 'Patreon membership record')}`] : []),
    `and ended ${count(report.sessions, 'dashboard login')}.`,
  ].join(', ');
}
