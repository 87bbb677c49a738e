import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { S3PhotoStorage } from '../../src/photos/s3-storage.js';
import { LocalPhotoStorage, photoKeys, PhotoStorageError, type PhotoStorage } from '../../src/photos/storage.js';
import { S3RVER_CREDENTIALS, startTestS3, type TestS3 } from '../support/s3.js';

const NOW = new Date('2026-01-21T06:42:00+08:00');

/** The same promises from every storage: what the photos service relies on. */
function storageContract(name: string, open: () => PhotoStorage) {
  describe(`photo storage: ${name}`, () => {
    it('puts, gets back the same bytes, and deletes', async () => {
      const storage = open();
      const { storageKey, thumbKey } = photoKeys(NOW);
      const data = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3, 0, 255]);
      await storage.put(storageKey, data);
      await storage.put(thumbKey, Buffer.from('thumb'));
      assert.deepEqual(await storage.get(storageKey), data);
      assert.equal((await storage.get(thumbKey))?.toString(), 'thumb');
      await storage.delete(storageKey);
      assert.equal(await storage.get(storageKey), null);
      assert.equal((await storage.get(thumbKey))?.toString(), 'thumb', 'deleting one key leaves the other');
    });

    it('answers null for a key never stored, and deleting it is no error', async () => {
      const storage = open();
      const { storageKey } = photoKeys(NOW);
      assert.equal(await storage.get(storageKey), null);
      await storage.delete(storageKey);
    });

    it('overwrites a key', async () => {
      const storage = open();
      const { storageKey } = photoKeys(NOW);
      await storage.put(storageKey, Buffer.from('one'));
      await storage.put(storageKey, Buffer.from('two'));
      assert.equal((await storage.get(storageKey))?.toString(), 'two');
    });

    it('refuses a key it did not make (no path out of its root)', async () => {
      const storage = open();
      for (const key of ['../../etc/passwd', '2026-01/../../x.jpg', '/abs.jpg', '']) {
        await assert.rejects(storage.get(key), PhotoStorageError, key);
        await assert.rejects(storage.put(key, Buffer.from('x')), PhotoStorageError, key);
      }
    });
  });
}

const localRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'p2h-photos-'));
after(() => fs.rmSync(localRoot, { recursive: true, force: true }));
storageContract('local disk', () => new LocalPhotoStorage(localRoot));

it('local disk keeps photos under its root, by month', async () => {
  const storage = new LocalPhotoStorage(localRoot);
  const { storageKey } = photoKeys(NOW);
  await storage.put(storageKey, Buffer.from('x'));
  assert.ok(fs.existsSync(path.join(localRoot, storageKey)));
  assert.match(storageKey, /^2026-01\/[0-9a-f-]{36}\.jpg$/);
  assert.deepEqual(fs.readdirSync(path.join(localRoot, '2026-01')).filter((f) => f.endsWith('.partial')), [], 'no partial file left');
});

let s3: TestS3 | undefined;
before(async () => {
  s3 = await startTestS3();
});
after(async () => s3?.stop());
const s3Settings = () => ({ kind: 's3' as const, endpoint: s3!.endpoint, region: 'us-east-1', bucket: s3!.bucket, ...S3RVER_CREDENTIALS });
storageContract('S3 (s3rver)', () => new S3PhotoStorage(s3Settings()));

describe('photo storage: S3 failures', () => {
  const SECRET = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY';

  // s3rver checks the access key but not SigV4 signatures, so the key is what is wrong here.
  it('wrong credentials fail with the S3 error name, never the secret', async () => {
    const storage = new S3PhotoStorage({ ...s3Settings(), accessKeyId: 'NOT-AN-ACCOUNT', secretAccessKey: SECRET });
    const error = await storage.put(photoKeys(NOW).storageKey, Buffer.from('x')).then(
      () => assert.fail('put with a wrong secret succeeded'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof PhotoStorageError);
    assert.match(error.message, /S3 put of .* failed: InvalidAccessKeyId/);
    assert.ok(!JSON.stringify({ ...error, message: error.message, stack: error.stack }).includes(SECRET));
  });

  it('an unreachable store fails with a PhotoStorageError, never the secret', async () => {
    const storage = new S3PhotoStorage({ ...s3Settings(), endpoint: 'http://127.0.0.1:1', secretAccessKey: SECRET });
    const error = await storage.get(photoKeys(NOW).storageKey).then(
      () => assert.fail('get from a closed port succeeded'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof PhotoStorageError, String(error));
    assert.ok(!`${error.message}${error.stack}`.includes(SECRET));
  });
});
