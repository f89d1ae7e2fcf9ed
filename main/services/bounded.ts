/**
 * Running many independent steps without letting one hold up the rest: at most `limit` at once, and
 * each waited for at most `deadlineMs` (a step past its deadline keeps running; it is only no longer
 * waited for). Failures are reported, never thrown.
 */
export async function eachWithDeadline<T>(
  items: readonly T[],
  limit: number,
  deadlineMs: number,
  step: (item: T) => Promise<unknown>,
  onFailure: (item: T, error: unknown) => void,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${deadlineMs} ms`)), deadlineMs);
      });
      try {
        await Promise.race([step(item), deadline]);
      } catch (error) {
        onFailure(item, error);
      } finally {
        clearTimeout(timer);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
