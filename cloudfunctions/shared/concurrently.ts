/**
 * Work on many items with a few in flight at once: the database and WeChat answer requests in parallel, and a
 * function's timeout is wall time. Items are taken in order; each worker starts its next one when it is done.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
  /** stop starting new items once this returns true (e.g. the run's deadline passed) */
  stop: () => boolean = () => false,
): Promise<void> {
  const queue = [...items]
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      if (stop()) return
      await work(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker))
}
