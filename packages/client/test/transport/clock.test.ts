/** The real clock (src/transport/clock.ts): sleeps end early, and only, when their signal aborts. */
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/transport/clock.js';

describe('systemClock', () => {
  it('rejects with the reason when the signal has already aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(systemClock.sleep(60_000, controller.signal)).rejects.toBe(reason);
  });

  it('rejects with the reason as soon as the signal aborts mid-sleep', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
  });

  it('resolves after a zero delay', async () => {
    await expect(systemClock.sleep(0)).resolves.toBeUndefined();
  });
});
