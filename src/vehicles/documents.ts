import { and, asc, count, eq, gte, inArray, lte, not, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { DOCUMENT_TYPES, vehicleDocuments, vehicles, type DocumentType } from './schema.js';

/** The API's field for each document: stnk → stnk_expiry. */
export const EXPIRY_FIELDS = {
  stnk: 'stnk_expiry',
  kir: 'kir_expiry',
  pajak: 'pajak_expiry',
} as const satisfies Record<DocumentType, string>;

export type DocumentExpiries = { [T in DocumentType as (typeof EXPIRY_FIELDS)[T]]: string | null };
/** Per document: a date sets it, null removes it, absent leaves it alone. */
export type DocumentChanges = Partial<DocumentExpiries>;

export interface ExpiringDocument {
  vehicle_id: number;
  unit_code: string;
  plate_number: string;
  document_type: DocumentType;
  expiry_date: string;
}

const noDocuments = (): DocumentExpiries => ({ stnk_expiry: null, kir_expiry: null, pajak_expiry: null });

/** The documents of several vehicles in one query. */
export async function documentsFor(db: Executor, vehicleIds: number[]): Promise<Map<number, DocumentExpiries>> {
  const result = new Map(vehicleIds.map((id) => [id, noDocuments()]));
  if (vehicleIds.length === 0) return result;
  const rows = await db
    .select({ vehicleId: vehicleDocuments.vehicleId, type: vehicleDocuments.documentType, expiry: vehicleDocuments.expiryDate })
    .from(vehicleDocuments)
    .where(inArray(vehicleDocuments.vehicleId, vehicleIds));
  for (const row of rows) result.get(row.vehicleId)![EXPIRY_FIELDS[row.type]] = row.expiry;
  return result;
}

/** Applies document changes; called inside the transaction that writes the vehicle. */
export async function writeDocuments(tx: Executor, vehicleId: number, changes: DocumentChanges, now: Date): Promise<void> {
  const upserts: { vehicleId: number; documentType: DocumentType; expiryDate: string; updatedAt: Date }[] = [];
  const removals: DocumentType[] = [];
  for (const type of DOCUMENT_TYPES) {
    const value = changes[EXPIRY_FIELDS[type]];
    if (value === undefined) continue;
    if (value === null) removals.push(type);
    else upserts.push({ vehicleId, documentType: type, expiryDate: value, updatedAt: now });
  }
  if (removals.length > 0) {
    await tx
      .delete(vehicleDocuments)
      .where(and(eq(vehicleDocuments.vehicleId, vehicleId), inArray(vehicleDocuments.documentType, removals)));
  }
  if (upserts.length > 0) {
    await tx
      .insert(vehicleDocuments)
      .values(upserts)
      .onConflictDoUpdate({
        target: [vehicleDocuments.vehicleId, vehicleDocuments.documentType],
        set: { expiryDate: sql`excluded.expiry_date`, updatedAt: now },
      });
  }
}

/** Picks the document fields out of an API body. */
export function documentChanges(input: Partial<Record<(typeof EXPIRY_FIELDS)[DocumentType], string | null>>): DocumentChanges {
  const changes: DocumentChanges = {};
  for (const field of Object.values(EXPIRY_FIELDS)) if (input[field] !== undefined) changes[field] = input[field];
  return changes;
}

export interface ExpiringQuery {
  types?: DocumentType[];
  /** Keyset paging in scan order: only documents after this one. */
  after?: ExpiringDocument;
  limit?: number;
  /** Leaves out documents this condition holds for; the caller's own question (e.g. "already announced"). */
  unless?: (document: typeof vehicleDocuments) => SQL;
}

/**
 * Documents of active units expiring on or before `date` (already expired ones included), soonest
 * first: a range scan on vehicle_documents_expiry_idx joined to the units.
 */
export function documentsExpiringBefore(db: Executor, date: string, query: ExpiringQuery = {}): Promise<ExpiringDocument[]> {
  const { types, after, unless } = query;
  return db
    .select({
      vehicle_id: vehicles.id,
      unit_code: vehicles.unitCode,
      plate_number: vehicles.plateNumber,
      document_type: vehicleDocuments.documentType,
      expiry_date: vehicleDocuments.expiryDate,
    })
    .from(vehicleDocuments)
    .innerJoin(vehicles, eq(vehicles.id, vehicleDocuments.vehicleId))
    .where(
      and(
        lte(vehicleDocuments.expiryDate, date),
        eq(vehicles.isActive, true),
        types && types.length > 0 ? inArray(vehicleDocuments.documentType, types) : undefined,
        unless ? not(unless(vehicleDocuments)) : undefined,
        // Keyset paging in scan order; the plain bound lets the expiry index start at the cursor.
        after ? gte(vehicleDocuments.expiryDate, after.expiry_date) : undefined,
        after
          ? sql`(${vehicleDocuments.expiryDate}, ${vehicles.unitCode}, ${vehicleDocuments.documentType}) > (${after.expiry_date}::date, ${after.unit_code}, ${after.document_type}::document_type)`
          : undefined,
      ),
    )
    .orderBy(asc(vehicleDocuments.expiryDate), asc(vehicles.unitCode), asc(vehicleDocuments.documentType))
    .limit(query.limit ?? 2_147_483_647);
}

/** How many documents of active units expire on or before `date`: what the expiry scan checks. */
export async function countDocumentsExpiringBefore(db: Executor, date: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(vehicleDocuments)
    .innerJoin(vehicles, eq(vehicles.id, vehicleDocuments.vehicleId))
    .where(and(lte(vehicleDocuments.expiryDate, date), eq(vehicles.isActive, true)));
  return row?.n ?? 0;
}
