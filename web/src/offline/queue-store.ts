/**
 * The report queue on the phone: IndexedDB (via idb), so it survives closing the app, a reboot and a
 * new release. Every change is announced to this tab and to the others (BroadcastChannel).
 */
import { openDB, type IDBPDatabase } from 'idb';
import { upgradeRecord, type QueuedReport } from './queue-model';

const DB_NAME = 'p2h-offline';
const STORE = 'reports';
/** The database's own schema version (object stores), not the record format (QUEUE_RECORD_VERSION). */
const DB_VERSION = 1;

let database: Promise<IDBPDatabase> | null = null;
function db(): Promise<IDBPDatabase> {
  database ??= openDB(DB_NAME, DB_VERSION, {
    upgrade(upgrading) {
      if (!upgrading.objectStoreNames.contains(STORE)) upgrading.createObjectStore(STORE, { keyPath: 'client_submission_id' });
    },
  });
  return database;
}

const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('p2h-report-queue');
channel?.addEventListener('message', () => listeners.forEach((listener) => listener()));

function announce(): void {
  listeners.forEach((listener) => listener());
  channel?.postMessage('changed');
}

export function onQueueChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Every record this release understands, oldest first. */
export async function allQueued(): Promise<QueuedReport[]> {
  const stored = await (await db()).getAll(STORE);
  return stored
    .map(upgradeRecord)
    .filter((record): record is QueuedReport => record !== null)
    .sort((a, b) => a.created_at.localeCompare(b.created_at));
}

export async function getQueued(id: string): Promise<QueuedReport | null> {
  return upgradeRecord(await (await db()).get(STORE, id));
}

export async function putQueued(record: QueuedReport): Promise<void> {
  await (await db()).put(STORE, record);
  announce();
}

export async function deleteQueued(id: string): Promise<void> {
  await (await db()).delete(STORE, id);
  announce();
}
