/** Output of the tour: numbered steps, progress lines and a request counter. */
import type { KantataClient } from '@kantata-ox/client';

export type Log = (line: string) => void;

/**
 * Counts requests by method through openapi-fetch middleware, retries through `onRetry`, and
 * the operations they reached (`METHOD /path/{id}`).
 */
export function createRequestCounter() {
  const byMethod: Record<string, number> = {};
  const operations = new Set<string>();
  let retries = 0;
  let listener: ((method: string) => void) | undefined;
  return {
    middleware: {
      onRequest({ request, schemaPath }: { request: Request; schemaPath: string }) {
        byMethod[request.method] = (byMethod[request.method] ?? 0) + 1;
        operations.add(`${request.method} ${schemaPath}`);
        listener?.(request.method);
      },
    },
    /** The operations requests went to, as `METHOD /path/{id}`. */
    operations,
    onRetry: () => {
      retries++;
    },
    /** Calls `fn` for each request until the returned function is called. */
    watch(fn: (method: string) => void): () => void {
      listener = fn;
      return () => {
        listener = undefined;
      };
    },
    get total(): number {
      return Object.values(byMethod).reduce((a, b) => a + b, 0);
    },
    summary(): string {
      const parts = Object.entries(byMethod).map(([method, n]) => `${n} ${method}`);
      return `${this.total} requests (${parts.join(', ')}), ${retries} retries`;
    },
  };
}

export type RequestCounter = ReturnType<typeof createRequestCounter>;

/** Prints numbered steps and timings. */
export function createReport(log: Log) {
  let step = 0;
  return {
    step(title: string): void {
      log(`\n${++step}. ${title}`);
    },
    line(text: string): void {
      log(`   ${text}`);
    },
    async timed<T>(label: string, work: () => Promise<T>): Promise<T> {
      const started = performance.now();
      const result = await work();
      log(`   ${label} (${Math.round(performance.now() - started)} ms)`);
      return result;
    },
  };
}

export type Report = ReturnType<typeof createReport>;

/** A one-line description of an error a downstream team would handle. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export type Client = KantataClient;
