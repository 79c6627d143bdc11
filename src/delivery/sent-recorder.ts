// Records sent deliveries a few at a time: in a fan-out Discord's answers arrive tens of
// milliseconds apart, and one statement and commit for all that arrive within 50 ms (a couple
// of messages at Discord's pace) was a fifth of the CPU a message costs (measured with
// `npm run bench -- fanout`: 0.95 ms a message with 10 ms, 0.75 ms with 50 ms). A crash leaves
// hardly more notifications of unknown fate than the ones in flight (sent again after a
// restart, as before).
import type { DeliveriesRepository } from '../store/repositories.ts';

const FLUSH_AFTER_MS = 50;

export interface SentRecorder {
  /** Marks the delivery sent; false when this worker no longer held its lease. */
  record(id: number, messageId: string | null): Promise<boolean>;
}

export function createSentRecorder(deliveries: Pick<DeliveriesRepository, 'markSentMany'>, owner: string, now: () => number): SentRecorder {
  let waiting: { id: number; messageId: string | null; resolve(kept: boolean): void; reject(error: unknown): void }[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    timer = undefined;
    const batch = waiting;
    waiting = [];
    deliveries.markSentMany(owner, batch, now()).then(
      (kept) => {
        for (const entry of batch) entry.resolve(kept.has(entry.id));
      },
      // One bad moment of the database must not turn a whole batch of messages that went out
      // into retries (each would be sent again): each is recorded on its own once more.
      () => {
        for (const entry of batch) {
          deliveries.markSentMany(owner, [entry], now()).then(
            (kept) => entry.resolve(kept.has(entry.id)),
            (error: unknown) => entry.reject(error),
          );
        }
      },
    );
  };

  return {
    record(id, messageId) {
      return new Promise<boolean>((resolve, reject) => {
        waiting.push({ id, messageId, resolve, reject });
        timer ??= setTimeout(flush, FLUSH_AFTER_MS);
      });
    },
  };
}
