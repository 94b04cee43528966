/** Test doubles for the transport: a scripted fetch and a clock that never really waits. */
import type { Clock } from '../../src/core/clock.js';

export type Step = (request: Request) => Response | Promise<Response>;

export interface ScriptedFetch {
  (request: Request, init?: RequestInit): Promise<Response>;
  /** Every request received, in order. */
  requests: Request[];
  /** The body text of every request received ('' when none). */
  bodies: string[];
  /** The second argument of every call. */
  inits: (RequestInit | undefined)[];
}

/**
 * A fetch that plays `steps` in order (the last one repeats), recording what it receives.
 * A step that throws simulates a network failure.
 */
export function scriptedFetch(...steps: Step[]): ScriptedFetch {
  const requests: Request[] = [];
  const bodies: string[] = [];
  const inits: (RequestInit | undefined)[] = [];
  const fetch = async (request: Request, init?: RequestInit): Promise<Response> => {
    requests.push(request);
    inits.push(init);
    bodies.push(request.body === null ? '' : await request.text());
    const step = steps[requests.length - 1] ?? steps.at(-1);
    if (step === undefined) throw new Error('scriptedFetch: no steps');
    return step(request);
  };
  return Object.assign(fetch, { requests, bodies, inits });
}

/** A step answering with `status` (and optional headers / body). */
export function reply(status: number, headers: Record<string, string> = {}, body?: string): Step {
  const nullBody = [204, 205, 304].includes(status);
  return () =>
    new Response(nullBody ? null : (body ?? `{"status":${status}}`), { status, headers });
}

/** A step failing like Node's fetch does: TypeError('fetch failed') with a coded cause. */
export function failWith(code: string): Step {
  return () => {
    throw new TypeError('fetch failed', {
      cause: Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code }),
    });
  };
}

/** A step that never answers, and rejects with the signal's reason when it aborts. */
export const hang: Step = (request) =>
  new Promise<Response>((_resolve, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
  });

/** A step that never settles and ignores its signal (a badly behaved fetch). */
export const hangForever: Step = () => new Promise<Response>(() => {});

export interface FakeClock extends Clock {
  /** Every sleep requested, in ms, in order (backoff sleeps and per-attempt timers). */
  sleeps: number[];
  /** The signal passed with each sleep. */
  signals: (AbortSignal | undefined)[];
}

/**
 * A clock whose sleeps resolve at once, except held ones (by ms value, or by a predicate on
 * ms and the 1-based call number), which stay pending until their signal aborts.
 * `now()` is fixed.
 */
export function fakeClock(
  options: { now?: number; hold?: number[] | ((ms: number, call: number) => boolean) } = {},
): FakeClock {
  const sleeps: number[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  return {
    sleeps,
    signals,
    now: () => options.now ?? Date.UTC(2026, 9, 21, 7, 28, 0),
    sleep: (ms, signal) => {
      sleeps.push(ms);
      signals.push(signal);
      if (signal?.aborted) return Promise.reject(signal.reason);
      const { hold } = options;
      const held = typeof hold === 'function' ? hold(ms, sleeps.length) : hold?.includes(ms);
      if (!held) return Promise.resolve();
      return new Promise<void>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    },
  };
}

export const TOKEN = 'tok_SECRET_5f1c9a';
