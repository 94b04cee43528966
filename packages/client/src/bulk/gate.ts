/**
 * A shared/exclusive gate: bulk POSTs of one job run shared (many at once), reading back runs
 * exclusive (alone). While a read-back lists what a lost request created, no POST of the job
 * is awaiting its answer, so every object the job was answered with is already claimed and
 * none can be claimed by a read-back and then by an answer too. Waiting exclusive runs go
 * before new shared ones, so recovery is not starved by a queue of chunks.
 */
export interface Gate {
  shared<T>(run: () => Promise<T>): Promise<T>;
  exclusive<T>(run: () => Promise<T>): Promise<T>;
}

/**
 * A new gate.
 *
 * @example
 * const gate = createGate();
 * await gate.exclusive(() => readBack(group));
 */
export function createGate(): Gate {
  let sharedRunning = 0;
  let exclusiveRunning = false;
  const waitingExclusive: (() => void)[] = [];
  const waitingShared: (() => void)[] = [];

  const wake = () => {
    if (exclusiveRunning) return;
    if (waitingExclusive.length > 0) {
      if (sharedRunning === 0) {
        exclusiveRunning = true;
        waitingExclusive.shift()?.();
      }
      return;
    }
    for (const start of waitingShared.splice(0)) {
      sharedRunning++;
      start();
    }
  };
  const enter = (queue: (() => void)[]) =>
    new Promise<void>((resolve) => {
      queue.push(resolve);
      wake();
    });

  return {
    async shared(run) {
      await enter(waitingShared);
      try {
        return await run();
      } finally {
        sharedRunning--;
        wake();
      }
    },
    async exclusive(run) {
      await enter(waitingExclusive);
      try {
        return await run();
      } finally {
        exclusiveRunning = false;
        wake();
      }
    },
  };
}
