/**
 * A phone that lost the answer to a submission sends it again with the same client_submission_id:
 * that must find the report already stored, never file a second one (nor be refused because the
 * slot is now taken or closed).
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { uniqueViolation } from '../db/client.js';
import { DomainError } from '../lib/errors.js';
import { p2hReports } from './schema.js';

/** The id of the report this user already filed with this submission id; undefined when none. */
export async function storedSubmission(db: Executor, userId: number, clientSubmissionId: string | undefined): Promise<number | undefined> {
  if (clientSubmissionId === undefined) return undefined;
  const [row] = await db
    .select({ id: p2hReports.id, deletedAt: p2hReports.deletedAt })
    .from(p2hReports)
    .where(and(eq(p2hReports.userId, userId), eq(p2hReports.clientSubmissionId, clientSubmissionId)));
  if (!row) return undefined;
  // The id still belongs to it (the unique key counts deleted reports): sending it again cannot refile.
  if (row.deletedAt !== null) {
    throw new DomainError('REPORT_NOT_FOUND', `Laporan P2H dengan client_submission_id ${clientSubmissionId} sudah dihapus admin`);
  }
  return row.id;
}

/**
 * A concurrent send of the same submission lost the race: its insert hit the submission key, or
 * (same unit and slot, and that index is checked first) the slot key. Either way the winner's
 * report may be the answer.
 */
export function mayBeConcurrentResend(error: unknown, clientSubmissionId: string | undefined): boolean {
  if (clientSubmissionId === undefined) return false;
  const constraint = uniqueViolation(error)?.constraint;
  return constraint === 'p2h_reports_client_submission_key' || constraint === 'p2h_reports_slot_key';
}
