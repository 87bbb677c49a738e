/** PHOTO_STORAGE, S3_* and P2H_DEFECT_PHOTO: where photos are kept and whether a defect needs one. */

export type PhotoStorageConfig =
  | { kind: 'local' }
  | {
      kind: 's3';
      endpoint: string;
      region: string;
      bucket: string;
      accessKeyId: string;
      /** A secret: never logged, never in a response. */
      secretAccessKey: string;
    };

export interface PhotoConfig {
  storage: PhotoStorageConfig;
  /** P2H_DEFECT_PHOTO=required: a WARNING/ABNORMAL answer without a photo is refused (422 PHOTO_REQUIRED). */
  defectPhotoRequired: boolean;
}

const S3_VARIABLES = ['S3_ENDPOINT', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

export function readPhotoConfig(get: (name: string) => string | undefined, problems: string[]): PhotoConfig {
  const defectPhoto = get('P2H_DEFECT_PHOTO') ?? 'optional';
  if (defectPhoto !== 'optional' && defectPhoto !== 'required') {
    problems.push(`P2H_DEFECT_PHOTO must be "optional" or "required" (got "${defectPhoto}")`);
  }
  const defectPhotoRequired = defectPhoto === 'required';

  const kind = get('PHOTO_STORAGE') ?? 'local';
  if (kind === 'local') return { storage: { kind: 'local' }, defectPhotoRequired };
  if (kind !== 's3') {
    problems.push(`PHOTO_STORAGE must be "local" or "s3" (got "${kind}")`);
    return { storage: { kind: 'local' }, defectPhotoRequired };
  }
  const missing = S3_VARIABLES.filter((name) => get(name) === undefined);
  if (missing.length > 0) problems.push(`PHOTO_STORAGE=s3 needs ${missing.join(', ')}`);
  const endpoint = get('S3_ENDPOINT') ?? '';
  if (endpoint !== '' && !/^https?:\/\/[^/]+/.test(endpoint)) problems.push(`S3_ENDPOINT must be an http(s) address such as http://127.0.0.1:9000 (got "${endpoint}")`);
  return {
    storage: {
      kind: 's3',
      endpoint: endpoint.replace(/\/+$/, ''),
      region: get('S3_REGION') ?? '',
      bucket: get('S3_BUCKET') ?? '',
      accessKeyId: get('S3_ACCESS_KEY_ID') ?? '',
      secretAccessKey: get('S3_SECRET_ACCESS_KEY') ?? '',
    },
    defectPhotoRequired,
  };
}
