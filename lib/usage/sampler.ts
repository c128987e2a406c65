import 'server-only';
import { desc, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { fitsPgBigint, pgArray } from '../db/arrays';
import { storageRounds } from '../db/schema';
import { listBuckets } from '../gateway/buckets';
import type { Bucket } from '../gateway/schemas';
import type { GatewayConnection } from '../gateway/request';
import { splitByDay } from './periods';

/** The advisory lock key of the storage sampler: one round at a time across all console instances. */
export const SAMPLER_LOCK = 0x5354_4154; // "STAT"

const SAMPLE_BATCH = 5000;

export interface SampleOptions {
  conn?: GatewayConnection;
  now?: () => Date;
}

export type SampleResult =
  | { status: 'done'; roundId: number; at: string; buckets: number; /** Seconds since the previous round, now integrated; null on the first round. */ integratedSeconds: number | null }
  | { status: 'busy' }
  /** Another instance took a round this very second: nothing to add. */
  | { status: 'skipped'; reason: string };

export class SamplingError extends Error {}

/**
 * A storage round's buckets, filled as the gateway's list arrives and kept as its statements will
 * send them: every SAMPLE_BATCH buckets, their six columns (name, epoch, owner, size, integral,
 * maximum) joined into array literals. Nothing else of the answer is held. A million buckets kept
 * this way hold 73 MB once the garbage is collected, where columns of values (strings, bigints)
 * held 201 MB; the answer parsed whole into objects peaked at 1.8 GB of console memory.
 */
export class SampleColumns {
  private readonly full: string[][] = [];
  /** The batch being filled: each column's values so far. */
  private open: (string | number | bigint)[][] = SampleColumns.empty();
  private count = 0;

  /** Why the round cannot be recorded: the first bucket whose figures the ledger cannot keep. */
  refusal: string | null = null;

  private static empty(): (string | number | bigint)[][] {
    return Array.from({ length: 6 }, () => []);
  }

  /**
   * Takes a bucket. One whose epoch or size the ledger cannot keep (they are PostgreSQL
   * `bigint`s) refuses the round, in words, where the database would refuse the whole statement
   * as "out of range". Nothing is lost by refusing: the next round that can be taken integrates
   * the whole interval since the last one.
   */
  add(b: Bucket): void {
    if (this.refusal !== null) return;
    if (!Number.isSafeInteger(b.epoch)) {
      this.refusal = `The gateway lists bucket "${b.name}" with the epoch ${b.epoch}, which is not a whole number: nothing was recorded.`;
      return;
    }
    if (!fitsPgBigint(b.size.current)) {
      this.refusal = `The gateway lists bucket "${b.name}" with a size of ${b.size.current} bytes, beyond what the ledger keeps (2^63 - 1): nothing was recorded.`;
      return;
    }
    const [names, epochs, owners, sizes, integrals, maxima] = this.open;
    names.push(b.name);
    epochs.push(b.epoch);
    owners.push(b.owner_id);
    sizes.push(b.size.current);
    integrals.push(b.size.h_integral);
    maxima.push(b.size.hmax);
    this.count += 1;
    if (names.length === SAMPLE_BATCH) this.close();
  }

  /** The open batch made into its literals: flat strings, where its values would outlive the young generation. */
  private close(): void {
    if (this.open[0].length === 0) return;
    this.full.push(this.open.map(pgArray));
    this.open = SampleColumns.empty();
  }

  /** The batches, each the six columns' array literals: name, epoch, owner, size, integral, maximum. */
  batches(): readonly string[][] {
    this.close();
    return this.full;
  }

  get length(): number {
    return this.count;
  }
}

/**
 * Takes one storage round: every bucket's current size from `ostor-buckets`, kept as raw samples.
 * In the same transaction the interval since the previous round is integrated: each of that
 * round's samples holds its size until this round (a bucket missing here was deleted: it is empty
 * from now on), and its byte-seconds are added per UTC day to `storage_daily`. A crash before the
 * commit leaves neither the round nor its integration; one after leaves both. Buckets with the
 * same name and a different epoch are different buckets throughout.
 */
export async function sampleStorage(database: Database, options: SampleOptions = {}): Promise<SampleResult> {
  const release = await database.tryLock(SAMPLER_LOCK);
  if (!release) return { status: 'busy' };
  try {
    // Whole seconds: byte-seconds stay exact integers.
    const at = new Date(Math.floor((options.now ?? (() => new Date()))().getTime() / 1000) * 1000);
    const buckets = await listBuckets(() => {
      const columns = new SampleColumns();
      return { add: (b: Bucket) => columns.add(b), result: () => columns };
    }, options.conn);
    if (buckets.refusal !== null) throw new SamplingError(buckets.refusal);
    return await database.db.transaction(async (tx) => {
      const [previous] = await tx.select().from(storageRounds).orderBy(desc(storageRounds.at)).limit(1);
      if (previous && previous.at.getTime() === at.getTime()) {
        return { status: 'skipped' as const, reason: `A storage round was taken this very second (${at.toISOString()}), by this or another console instance; nothing to add.` };
      }
      if (previous && previous.at.getTime() > at.getTime()) {
        throw new SamplingError(
          `A storage round at ${previous.at.toISOString()} is later than this one (${at.toISOString()}): this server's clock is behind. Nothing was recorded.`,
        );
      }
      const [round] = await tx.insert(storageRounds).values({ at, buckets: buckets.length }).returning({ id: storageRounds.id });
      for (const [names, epochs, owners, sizes, integrals, maxima] of buckets.batches()) {
        // A bucket listed twice in one answer is sampled once.
        await tx.execute(sql`
          insert into storage_samples (round_id, bucket, epoch, owner_id, size, h_integral, hmax)
          select ${round.id}, u.* from unnest(${names}::text[], ${epochs}::bigint[], ${owners}::text[], ${sizes}::bigint[], ${integrals}::numeric[], ${maxima}::numeric[]) as u
          on conflict do nothing`);
      }

      if (!previous) return { status: 'done' as const, roundId: round.id, at: at.toISOString(), buckets: buckets.length, integratedSeconds: null };
      const days = splitByDay(previous.at.getTime(), at.getTime());
      await tx.execute(sql`
        insert into storage_daily (day, bucket, epoch, owner_id, byte_seconds)
        select d.day::date, s.bucket, s.epoch, s.owner_id, s.size::numeric * d.seconds
        from storage_samples s
        cross join unnest(${pgArray(days.map((d) => d.day))}::text[], ${pgArray(days.map((d) => d.seconds))}::bigint[]) as d(day, seconds)
        where s.round_id = ${previous.id} and s.size > 0
        on conflict (day, bucket, epoch) do update set byte_seconds = storage_daily.byte_seconds + excluded.byte_seconds`);
      return { status: 'done' as const, roundId: round.id, at: at.toISOString(), buckets: buckets.length, integratedSeconds: (at.getTime() - previous.at.getTime()) / 1000 };
    });
  } finally {
    await release();
  }
}
