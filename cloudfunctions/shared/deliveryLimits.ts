/**
 * Time limits of the scheduler and the sender, apart from any SDK code so that tests and scripts can read
 * them without loading wx-server-sdk. The scheduler function's timeout is 60 s (cloudfunctions/scheduler/config.json;
 * the default of a cloud function is 3 s, DESIGN.md §6).
 */

/** A timer run stops starting new work this long after it began; what is left waits 10 minutes for the next run. */
export const RUN_BUDGET_MS = 40_000

/**
 * How long a claimed outbox record is left alone: longer than any function may run, so a live sender always
 * settles before anyone else may claim the record again.
 */
export const CLAIM_LEASE_MS = 10 * 60_000

/** Sends in flight at once: WeChat and the database answer in parallel, the timeout is wall time. */
export const SEND_CONCURRENCY = 8
