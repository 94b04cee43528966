/**
 * The read-only tour against the real API (KANTATA_TOKEN set): lists and gets, no writes.
 */
import { KantataApiError } from '@kantata-ox/client';
import { type Client, describeError, type Report } from './report.js';

export async function realTour(kantata: Client, report: Report) {
  report.step(
    'List organization memberships (first page, departments and geographies side-loaded)',
  );
  const page = await kantata.organizationMemberships.list({
    include: ['department', 'geography'],
    per_page: 5,
  });
  report.line(`${page.count} in total; first page:`);
  for (const m of page.items) {
    report.line(
      `#${m.id} ${m.member_type} ${m.member_id} — ${m.department?.name ?? '-'} / ${m.geography?.name ?? '-'}`,
    );
  }

  report.step('Iterate (listAll, stopping after 50)');
  let n = 0;
  for await (const _ of kantata.organizationMemberships.listAll({}, { limit: 50 })) n++;
  report.line(`${n} memberships read`);

  const first = page.items[0];
  if (first) {
    report.step(`Get #${first.id}`);
    const one = await kantata.organizationMemberships.get(first.id);
    report.line(`#${one.id}: created ${one.created_at}`);
  }

  report.step('User group memberships (account administrators only)');
  try {
    const groups = await kantata.userGroupMemberships.list({
      include: ['user', 'workspace_group'],
      per_page: 5,
    });
    report.line(`${groups.count} in total`);
  } catch (error) {
    if (!(error instanceof KantataApiError) || error.status !== 403) throw error;
    report.line(`403 → ${describeError(error)}`);
  }
}
