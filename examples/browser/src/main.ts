/**
 * The page: connects to the API this build is set up for, runs the scenario and shows its
 * outcome as JSON in `#result`, whose `data-status` turns `done` (or `failed`) at the end.
 */
import { apiSettings } from './api.js';
import { runScenario } from './scenario.js';
import { connect } from './traffic.js';

const result = document.querySelector<HTMLPreElement>('#result')!;

async function start(): Promise<void> {
  // Vite replaces `import.meta.env.MODE` with a constant: in any other mode than `msw` this
  // branch, and the import of msw and the fake with it, is not in the bundle at all.
  const settings =
    import.meta.env.MODE === 'msw'
      ? await (await import('./mocks.js')).startMockApi()
      : apiSettings();
  document.querySelector('#where')!.textContent =
    `Mode ${import.meta.env.MODE}, API at ${settings.baseUrl}`;
  const { kantata, traffic } = connect(settings);
  const outcomes = await runScenario(kantata);
  result.textContent = JSON.stringify({ mode: import.meta.env.MODE, outcomes, traffic }, null, 2);
  result.dataset.status = 'done';
}

start().catch((error: unknown) => {
  result.textContent = error instanceof Error ? (error.stack ?? error.message) : String(error);
  result.dataset.status = 'failed';
});
