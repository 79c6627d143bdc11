import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditChange } from '../../src/domain/audit.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

const NOW = Date.UTC(2026, 11, 1);
const [HERE, ELSEWHERE] = ['100000000000000001', '100000000000000002'];
const [ALICE, BOB] = ['700000000000000001', '700000000000000002'];
const lock = (roleId: string): AuditChange => ({ action: 'lock.add', details: { command: 'add', roleId } });

describe.each(DIALECTS)('the audit log repository on %s', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(dialect);
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('keeps every entry of changes made at the same moment, on servers it had no row for too', async () => {
    const { auditLog } = store.repositories;
    const servers = ['100000000000000011', '100000000000000012', '100000000000000013'];
    await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        auditLog.record({ guildId: servers[index % 3]!, userId: ALICE, source: 'discord', change: lock(String(index)), now: NOW + index }),
      ),
    );
    for (const [offset, server] of servers.entries()) {
      const roles = (await auditLog.listForGuild(server, { limit: 20 })).map((entry) => (entry.change as { details: { roleId: string } }).details.roleId);
      expect(roles).toEqual(Array.from({ length: 10 }, (_, index) => String(27 + offset - 3 * index)));
    }
  });

  it('pages a server newest first, entries of the same millisecond included, with cursors from that server only', async () => {
    const { auditLog } = store.repositories;
    // Five entries, the last three in one millisecond; another server's entry in between.
    for (const [index, at] of [NOW, NOW + 1, NOW + 2, NOW + 2, NOW + 2].entries()) {
      await auditLog.record({ guildId: HERE, userId: ALICE, source: 'discord', change: lock(String(index)), now: at });
      if (index === 1) await auditLog.record({ guildId: ELSEWHERE, userId: BOB, source: 'dashboard', change: lock('x'), now: at });
    }
    const roles = (entries: { change: AuditChange | { action: string } }[]) =>
      entries.map((entry) => (entry.change as { details: { roleId: string } }).details.roleId);

    const first = await auditLog.listForGuild(HERE, { limit: 2 });
    expect(roles(first)).toEqual(['4', '3']);
    const second = await auditLog.listForGuild(HERE, { limit: 2, before: first.at(-1)!.id });
    expect(roles(second)).toEqual(['2', '1']);
    expect(roles(await auditLog.listForGuild(HERE, { limit: 2, before: second.at(-1)!.id }))).toEqual(['0']);
    expect(first[0]).toMatchObject({ guildId: HERE, userId: ALICE, source: 'discord', createdAt: NOW + 2 });

    const theirs = await auditLog.listForGuild(ELSEWHERE, { limit: 10 });
    expect(roles(theirs)).toEqual(['x']);
    // Another server's entry is no cursor here.
    expect(await auditLog.listForGuild(HERE, { limit: 10, before: theirs[0]!.id })).toEqual([]);
  });

  it("anonymises a member's entries in one server or everywhere, and finds them for their export", async () => {
    const { auditLog } = store.repositories;
    await auditLog.record({ guildId: HERE, userId: ALICE, source: 'discord', change: lock('1'), now: NOW });
    await auditLog.record({ guildId: ELSEWHERE, userId: ALICE, source: 'dashboard', change: lock('2'), now: NOW + 1 });
    await auditLog.record({ guildId: HERE, userId: BOB, source: 'discord', change: lock('3'), now: NOW + 2 });
    expect((await auditLog.byMember(ALICE)).map((entry) => entry.guildId)).toEqual([HERE, ELSEWHERE]);

    expect(await auditLog.forgetMember(ALICE, HERE)).toBe(1);
    expect((await auditLog.byMember(ALICE)).map((entry) => entry.guildId)).toEqual([ELSEWHERE]);
    expect(await auditLog.forgetMember(ALICE)).toBe(1);
    expect(await auditLog.byMember(ALICE)).toEqual([]);
    // The entries stay, without an author.
    expect((await auditLog.listForGuild(HERE, { limit: 10 })).map((entry) => entry.userId)).toEqual([BOB, null]);
  });

  it('shows an entry a newer version wrote, with an action this one does not know, as an unknown change', async () => {
    await store.repositories.auditLog.record({ guildId: HERE, userId: ALICE, source: 'discord', change: lock('1'), now: NOW });
    await sql`update audit_log set action = 'anime.pause'`.execute(store.database.db);
    const [entry] = await store.repositories.auditLog.listForGuild(HERE, { limit: 1 });
    expect(entry!.change).toEqual({ action: 'unknown', details: { action: 'anime.pause' } });
  });
});
