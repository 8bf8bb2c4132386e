import type { Kysely } from 'kysely';

/**
 * Runs a periodic job once per time slot across every app process: the first process to
 * insert the (job, slot) row runs it, the others see the unique key and skip.
 */
export async function claimSlot(db: Kysely<any>, job: string, slot: string, now: number): Promise<boolean> {
  const r = await db
    .insertInto('jobs_runs')
    .values({ job, slot, ran_at: now, result: null })
    .onConflict((oc: any) => oc.columns(['job', 'slot']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

export function every(ms: number, fn: () => Promise<void>): () => void {
  let running = false;
  const t = setInterval(() => {
    if (running) return;
    running = true;
    fn()
      .catch((err) => console.error('periodic job failed:', err))
      .finally(() => {
        running = false;
      });
  }, ms);
  t.unref();
  return () => clearInterval(t);
}
