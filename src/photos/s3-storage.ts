import type { S3Client } from '@aws-sdk/client-s3';
import type { PhotoStorageConfig } from '../config/photo-config.js';
import { assertPhotoKey, PhotoStorageError, type PhotoStorage } from './storage.js';

type S3Settings = Extract<PhotoStorageConfig, { kind: 's3' }>;
type S3Module = typeof import('@aws-sdk/client-s3');

/**
 * Photos in any S3-compatible store (AWS, MinIO, …), addressed path-style (`endpoint/bucket/key`)
 * because most self-hosted stores have no per-bucket DNS. The bucket must exist.
 *
 * The SDK is loaded on first use: a server on the local disk never pays for loading it.
 * Its errors are rethrown as PhotoStorageError with the operation, the S3 error name and status only,
 * and with the secret scrubbed, so no message or log line can carry the credentials.
 */
export class S3PhotoStorage implements PhotoStorage {
  private client: Promise<{ s3: S3Module; client: S3Client }> | undefined;

  constructor(private readonly settings: S3Settings) {}

  private connect() {
    this.client ??= import('@aws-sdk/client-s3').then((s3) => ({
      s3,
      client: new s3.S3Client({
        endpoint: this.settings.endpoint,
        region: this.settings.region,
        forcePathStyle: true,
        credentials: { accessKeyId: this.settings.accessKeyId, secretAccessKey: this.settings.secretAccessKey },
        // Checksums only where S3 demands them: the SDK's default (aws-chunked uploads with a CRC
        // trailer) is refused or mangled by many S3-compatible stores.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 3,
        // A store that does not answer must not hold an upload (and its memory) for minutes.
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
      }),
    }));
    return this.client;
  }

  async put(key: string, data: Buffer): Promise<void> {
    assertPhotoKey(key);
    const { s3, client } = await this.connect();
    await this.call('put', key, () =>
      client.send(new s3.PutObjectCommand({ Bucket: this.settings.bucket, Key: key, Body: data, ContentType: 'image/jpeg', ContentLength: data.length })),
    );
  }

  async get(key: string): Promise<Buffer | null> {
    assertPhotoKey(key);
    const { s3, client } = await this.connect();
    return this.call('get', key, async () => {
      try {
        const answer = await client.send(new s3.GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
        if (!answer.Body) return null;
        return Buffer.from(await answer.Body.transformToByteArray());
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    });
  }

  async delete(key: string): Promise<void> {
    assertPhotoKey(key);
    const { s3, client } = await this.connect();
    // S3 answers a delete of a missing key with success too.
    await this.call('delete', key, () => client.send(new s3.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key })));
  }

  private async call<T>(operation: string, key: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new PhotoStorageError(this.scrub(`S3 ${operation} of ${key} in bucket ${this.settings.bucket} failed: ${describe(error)}`));
    }
  }

  private scrub(text: string): string {
    const secret = this.settings.secretAccessKey;
    return secret ? text.split(secret).join('<redacted>') : text;
  }
}

const isMissing = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

/** The error's name, code and HTTP status: enough to tell a wrong key from an unreachable store. */
function describe(error: unknown): string {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const parts = [e?.name ?? 'Error', e?.code, e?.$metadata?.httpStatusCode ? `HTTP ${e.$metadata.httpStatusCode}` : undefined];
  return parts.filter(Boolean).join(' ');
}
