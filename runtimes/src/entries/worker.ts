/**
 * The contract in workerd (Cloudflare's runtime, through miniflare): a module worker that runs
 * every case when fetched and answers with the report. The fake is `kantata-mock` over HTTP
 * (the fixtures' validator compiles code at run time, which workerd refuses).
 * Query: `harness` (the harness's origin), `version` (workerd's, which a worker cannot read).
 */
import { cases } from '../contract.js';
import { harnessWorld } from '../harness-world.js';
import { runCases } from '../runner.js';

export default {
  async fetch(request: Request): Promise<Response> {
    const query = new URL(request.url).searchParams;
    const harness = query.get('harness');
    if (harness === null) return new Response('missing ?harness=', { status: 400 });
    const world = harnessWorld({
      runtime: 'workerd',
      version: query.get('version') ?? '?',
      fakeMode: '`kantata-mock` over HTTP',
      harness,
      route: 'direct',
    });
    return Response.json(await runCases(world, cases));
  },
};
