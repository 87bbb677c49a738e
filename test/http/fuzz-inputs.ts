import fc from 'fast-check';

/** JSON Schema as TypeBox emits it: only the parts the generators read. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

/** A body sent as these bytes, not as JSON of a value (broken JSON). */
export interface RawBody {
  raw: string;
}

const SQL = ["' OR '1'='1", "1; DROP TABLE users; --", "'); delete from p2h_reports; --", '1 UNION SELECT password_hash FROM users', '$1', '\\x00'];
const HTML = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg/onload=alert(1)>', '{{7*7}}', '${7*7}'];
const DATES = ['2026-02-30', '2026-13-01', '2026-00-10', '0000-00-00', '9999-12-31', '1900-01-01', '2026-1-5', '21-01-2026', '2026-01-21T25:00:00Z', 'today', ''];
const NUMBERS = [-1, 0, -2147483648, 2147483648, 9007199254740993, 1e308, -1e308, 0.5, -0.0001, 1e-300];
const UNICODE = ['ｐ２ｈ', '🚚🔧', '\u202e\u0645\u0631\u062d\u0628\u0627', 'ā̶̧̛͙b', '\u0000', '\ud800', 'İstanbul', '\u200b'];

/** Values no field wants: wrong types, extremes, injection fragments, odd text. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...NUMBERS),
  fc.integer(),
  fc.double({ noNaN: false }).filter((n) => Number.isFinite(n)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(...SQL, ...HTML, ...DATES, ...UNICODE),
  fc.constantFrom('x'.repeat(5_000), '9'.repeat(400), 'ā'.repeat(70_000)),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxKeys: 3 }),
  fc.constant({ constructor: { prototype: { isAdmin: true } } }),
);

/** Something close to what the schema wants, so the input gets past the first check and deeper. */
function nearlyValid(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => fromSchema(s, depth + 1)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      if (depth > 3) return fc.constant({});
      const props = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, s]) => [key, fromSchema(s, depth + 1)]));
      const extra = fc.dictionary(fc.constantFrom('role', 'is_admin', 'id', 'token_version', '__proto__', 'extra', 'user_id'), hostile, { maxKeys: 2 });
      return fc
        .tuple(fc.record(props, { requiredKeys: [] }), fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extra }))
        .map(([known, more]) => ({ ...more, ...known }));
    }
    case 'array':
      return fc.array(schema.items ? fromSchema(schema.items, depth + 1) : hostile, { maxLength: depth > 2 ? 2 : 6 });
    case 'string':
      if (schema.format === 'date') return fc.constantFrom('2026-01-21', '2026-01-20', ...DATES);
      if (schema.format === 'email') return fc.constantFrom('a@example.com', 'bukan-email', 'a@b', '<a@b.c>');
      return fc.oneof(
        fc.constantFrom('0812345678901', '+62 812-3456-7890', 'P.309', 'KT 1234 AB', 'REM', 'password-123', 'normal', 'P.3\u000009'),
        fc.string({ maxLength: Math.min(schema.maxLength ?? 30, 30) }),
      );
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 50, 50) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 1e6, 1e6), noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return hostile;
  }
}

export function fromSchema(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: nearlyValid(schema, depth) }, { weight: 2, arbitrary: hostile });
}

/** A request body: mostly an object shaped by the schema, sometimes no object at all, sometimes broken JSON. */
export function bodyFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: nearlyValid(schema, 0) },
    { weight: 1, arbitrary: hostile },
    { weight: 1, arbitrary: fc.constantFrom<RawBody>({ raw: '{"__proto__":{"role":"superadmin"}}' }, { raw: '{"a":' }, { raw: '' }, { raw: 'null' }, { raw: '[1,2' }, { raw: '{"x":1e99999}' }, { raw: '\u0000' }) },
  );
}

/** A query string: the schema's keys and some others, every value as text. */
export function queryFor(schema: JsonSchema): fc.Arbitrary<string> {
  const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value) ?? '');
  return fc
    .tuple(nearlyValid(schema, 0), fc.array(fc.tuple(fc.constantFrom('page', 'q', 'unknown', 'page[0]', 'a.b'), hostile), { maxLength: 2 }))
    .map(([known, more]) => {
      const params = new URLSearchParams();
      if (known && typeof known === 'object') for (const [key, value] of Object.entries(known)) params.append(key, text(value));
      for (const [key, value] of more) params.append(key, text(value));
      return params.toString();
    });
}
