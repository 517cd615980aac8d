import { fieldLabel } from '../../src/common/field-labels';
import { createOrganization, createResource, resourceBody } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

type Schema = {
  type?: string;
  $ref?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  nullable?: boolean;
  enum?: unknown[];
  allOf?: Schema[];
};
type Doc = {
  paths: Record<
    string,
    Record<
      string,
      { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: { name: string; in: string; schema: Schema }[] }
    >
  >;
  components: { schemas: Record<string, Schema> };
};

const ID = '00000000-0000-4000-8000-000000000000';
const PARAMS: Record<string, string> = { id: ID, month: '2026-10', year: '2026' };
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** One value of every JSON type that is not the field's type. */
function wrongValues(schema: Schema): unknown[] {
  const kind = schema.$ref || schema.allOf ? 'object' : schema.type;
  const all: Record<string, unknown[]> = {
    string: ['文字列'],
    number: [12],
    boolean: [true],
    array: [['x']],
    object: [{ a: 1 }],
  };
  const wrong = Object.entries(all)
    .filter(([type]) => type !== kind && !(kind === 'integer' && type === 'number'))
    .flatMap(([, values]) => values);
  if (kind === 'integer') wrong.push(1.5);
  if (!schema.nullable) wrong.push(null);
  return wrong;
}

function resolve(doc: Doc, schema: Schema): Schema {
  const ref = schema.$ref ?? schema.allOf?.find((s) => s.$ref)?.$ref;
  return ref ? doc.components.schemas[ref.split('/').pop()!] : schema;
}

/** Every field of a body schema, nested objects included, as [JSON path, schema]. */
function fields(doc: Doc, schema: Schema, prefix = ''): [string, Schema][] {
  const props = resolve(doc, schema).properties ?? {};
  return Object.entries(props).flatMap(([name, s]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const nested = s.$ref || s.allOf ? fields(doc, s, path) : [];
    return [[path, s] as [string, Schema], ...nested];
  });
}

function bodyWith(path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  const root: Record<string, unknown> = {};
  let cursor = root;
  keys.slice(0, -1).forEach((k) => (cursor = (cursor[k] = {}) as Record<string, unknown>));
  cursor[keys[keys.length - 1]] = value;
  return root;
}

type FieldError = { field: string; message: string };

describe('input hygiene: every route refuses malformed input with 400 and a Japanese message naming the field', () => {
  let t: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/api/docs/openapi.json').expect(200)).body;
  });
  afterAll(async () => t.close());

  const send = (method: string, url: string) => t.http()[method as 'post'](url).set(t.admin);

  it('walks every route body and sends, for each field, a value of every wrong JSON type', async () => {
    const failures: unknown[] = [];
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const schema = op.requestBody?.content['application/json']?.schema;
        if (!schema) continue;
        const url = path.replace(/\{(\w+)\}/g, (_, name) => PARAMS[name]);
        for (const [field, fieldSchema] of fields(doc, schema)) {
          for (const value of wrongValues(fieldSchema)) {
            checked++;
            const res = await send(method, url).send(bodyWith(field, value));
            const errors: FieldError[] = res.body.errors ?? [];
            const own = errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`));
            const problem =
              res.status !== 400
                ? `status ${res.status}`
                : !own.length
                  ? `not blamed: ${JSON.stringify(errors)}`
                  : errors.some((e) => !JAPANESE.test(e.message))
                    ? `not Japanese: ${JSON.stringify(errors)}`
                    : !own.some((e) => e.message.includes(fieldLabel(e.field)))
                      ? `no label: ${JSON.stringify(own)}`
                      : // A PATCH sends only this field: nothing else may be blamed for it.
                        method === 'patch' && own.length !== errors.length
                        ? `blames others: ${JSON.stringify(errors)}`
                        : null;
            if (problem) failures.push({ route: `${method.toUpperCase()} ${path}`, field, value, problem });
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });

  it('walks every query parameter and path parameter with values of the wrong kind', async () => {
    const failures: unknown[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const url = path.replace(/\{(\w+)\}/g, (_, name) => PARAMS[name]);
        for (const param of op.parameters ?? []) {
          const s = param.schema ?? {};
          const bad: string[] =
            param.in === 'path'
              ? param.name === 'id'
                ? ['not-a-uuid']
                : ['2026-13', '0000-00', '1899-12', '9999-01', 'x']
              : s.type === 'integer'
                ? ['abc', '1.5', '1e20', '-1']
                : s.type === 'boolean'
                  ? ['maybe']
                  : s.enum
                    ? ['zzz']
                    : s.type === 'array'
                      ? s.items?.enum
                        ? ['zzz']
                        : []
                      : s.type === 'string'
                        ? []
                        : [];
          for (const value of bad) {
            const target =
              param.in === 'path'
                ? path.replace(`{${param.name}}`, encodeURIComponent(value)).replace(/\{(\w+)\}/g, (_, n) => PARAMS[n])
                : url;
            const res = await send(method, target)
              .query(param.in === 'query' ? { [param.name]: value } : {})
              .send();
            const errors: FieldError[] = res.body.errors ?? [];
            if (res.status !== 400 || !errors.some((e) => e.field === param.name) || errors.some((e) => !JAPANESE.test(e.message))) {
              failures.push({ route: `${method.toUpperCase()} ${path}`, param: param.name, value, status: res.status, errors });
            }
          }
          // A repeated scalar arrives as an array: refused, not silently read.
          if (param.in === 'query' && s.type !== 'array') {
            const res = await send(method, `${url}?${param.name}=1&${param.name}=2`).send();
            if (res.status !== 400)
              failures.push({ route: `${method.toUpperCase()} ${path}`, param: param.name, repeated: true, status: res.status });
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses impossible calendar dates and far months everywhere, and reads offset-less times as Tokyo time', async () => {
    const org = await createOrganization(t);
    const resource = await createResource(t, org.id);
    const bad = ['2026-02-30', '2026-04-31', '2026-13-01', '0000-00-00', '1899-12-31', '2101-01-01'];
    for (const date of bad) {
      for (const [url, body, field] of [
        [`/api/v1/participants/${ID}/consent`, { status: 'obtained', method: '面談', scope: [], date }, 'date'],
        [`/api/v1/placements/${ID}/checkins`, { date, attendance: 'attended', wellbeing: 3 }, 'date'],
        [`/api/v1/placements/${ID}/transitions`, { to: 'visit', date }, 'date'],
        [`/api/v1/placements/${ID}/dates`, { visitDate: date }, 'visitDate'],
        [`/api/v1/placements/${ID}/dates`, { trialDate: date }, 'trialDate'],
      ] as const) {
        const res = await t.http()[url.endsWith('consent') ? 'put' : 'post'](url).set(t.admin).send(body);
        expect({ url, date, status: res.status, fields: res.body.errors?.map((e: FieldError) => e.field) }).toEqual({
          url,
          date,
          status: 400,
          fields: [field],
        });
      }
    }
    for (const from of ['2026-02-30T10:00:00+09:00', '2026-10-01T25:00', '2026-10-01', 'yesterday']) {
      const res = await t.http().get('/api/v1/audit').query({ from }).set(t.admin);
      expect({ from, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ from, status: 400, field: 'from' });
    }
    await t.http().get('/api/v1/audit').query({ from: '2026-10-01T00:00:00', to: '2026-10-02T00:00' }).set(t.admin).expect(200);
    for (const month of ['2026-13', '2026-00', '1999-12', '2101-01', '0000-01']) {
      const res = await t.http().get(`/api/v1/reports/monthly/${month}`).set(t.admin);
      expect({ month, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ month, status: 400, field: 'month' });
    }
    expect(resource.id).toBeDefined();
  });

  it('refuses NUL and lone surrogates in bodies, queries and paths, naming the field', async () => {
    const nul = await t.http().post('/api/v1/organizations').set(t.admin).send({ name: 'a\u0000b', kind: 'npo' });
    expect([nul.status, nul.body.errors]).toEqual([400, [{ field: 'name', message: expect.stringContaining('名前') }]]);
    const surrogate = await t
      .http()
      .post('/api/v1/organizations')
      .set(t.admin)
      .set('Content-Type', 'application/json')
      .send('{"name":"ok","kind":"npo","contact":{"person":"a\\ud800b"}}');
    expect([surrogate.status, surrogate.body.errors?.[0]?.field]).toEqual([400, 'contact.person']);
    const rawBytes = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('","kind":"npo"}')]);
    const raw = await t.http().post('/api/v1/organizations').set(t.admin).set('Content-Type', 'application/json').send(rawBytes);
    expect(raw.status).toBe(400);
    const key = await t
      .http()
      .post('/api/v1/organizations')
      .set(t.admin)
      .set('Content-Type', 'application/json')
      .send('{"na\\u0000me":"x","kind":"npo"}');
    expect(key.status).toBe(400);
    for (const q of ['%00', 'a%00b', '%ED%A0%80', '%F0%9F']) {
      const res = await t.http().get(`/api/v1/resources?q=${q}`).set(t.admin);
      expect({ q, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ q, status: 400, field: 'q' });
    }
    const path = await t.http().get('/api/v1/resources/%00').set(t.admin);
    expect(path.status).toBe(400);
    // Well-formed pairs (emoji) are ordinary text.
    await t.http().post('/api/v1/organizations').set(t.admin).send({ name: '受入先🌱', kind: 'npo' }).expect(201);
  });

  it('refuses null for NOT NULL fields and blames the right field (capacity: null blames capacity)', async () => {
    const org = await createOrganization(t);
    const resource = await createResource(t, org.id);
    const res = await t.http().patch(`/api/v1/resources/${resource.id}`).set(t.admin).send({ capacity: null });
    expect([res.status, res.body.errors]).toEqual([400, [{ field: 'capacity', message: expect.stringContaining('定員') }]]);
    const title = await t
      .http()
      .patch(`/api/v1/resources/${resource.id}`)
      .set(t.admin)
      .send({ title: null, demands: { talking: null } });
    expect(title.body.errors.map((e: FieldError) => e.field).sort()).toEqual(['demands.talking', 'title']);
    // Nullable columns may be cleared with null.
    await t.http().patch(`/api/v1/resources/${resource.id}`).set(t.admin).send({ nearestStation: null, accessMinutes: null }).expect(200);
  });

  it('refuses arrays for objects, scalars for arrays, prototype keys, deep nesting and huge numbers', async () => {
    const org = await createOrganization(t);
    const filters = await t
      .http()
      .post('/api/v1/matches/search')
      .set(t.admin)
      .send({ needs: '静かな作業', filters: [{ types: ['ibasho'] }] });
    expect([filters.status, filters.body.errors?.[0]?.field]).toEqual([400, 'filters']);
    const unknown = await t
      .http()
      .post('/api/v1/matches/search')
      .set(t.admin)
      .send({ needs: 'x', filters: { colour: 'red' } });
    expect([unknown.status, unknown.body.errors]).toEqual([
      400,
      [{ field: 'filters.colour', message: expect.stringMatching(/受け付けない/) }],
    ]);
    const demands = await t
      .http()
      .post('/api/v1/resources')
      .set(t.admin)
      .send(resourceBody(org.id, { demands: [{ talking: 'low' }] }));
    expect([demands.status, demands.body.errors?.[0]?.field]).toEqual([400, 'demands']);
    const contact = await t
      .http()
      .post('/api/v1/organizations')
      .set(t.admin)
      .send({ name: 'x', kind: 'npo', contact: ['a'] });
    expect([contact.status, contact.body.errors?.[0]?.field]).toEqual([400, 'contact']);
    const days = await t.http().post(`/api/v1/placements/${ID}/follow-up/extend`).set(t.admin).send({ checkpointDays: 5 });
    expect([days.status, days.body.errors?.[0]?.field]).toEqual([400, 'checkpointDays']);
    const long = await t
      .http()
      .post(`/api/v1/placements/${ID}/follow-up/extend`)
      .set(t.admin)
      .send({ lengthDays: 731, checkpointDays: [731] });
    expect([long.status, long.body.errors?.map((e: FieldError) => e.field)]).toEqual([400, ['lengthDays', 'checkpointDays']]);
    for (const json of [
      '{"__proto__":{"admin":true},"name":"x","kind":"npo"}',
      '{"name":"x","kind":"npo","contact":{"constructor":{"a":1}}}',
    ]) {
      const res = await t.http().post('/api/v1/organizations').set(t.admin).set('Content-Type', 'application/json').send(json);
      expect(res.status).toBe(400);
    }
    const deep = '{"name":"x","kind":"npo","contact":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + '}';
    const deepRes = await t.http().post('/api/v1/organizations').set(t.admin).set('Content-Type', 'application/json').send(deep);
    expect([deepRes.status, deepRes.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const deepArray = '{"needs":"x","filters":{"types":' + '['.repeat(5000) + ']'.repeat(5000) + '}}';
    expect(
      (await t.http().post('/api/v1/matches/search').set(t.admin).set('Content-Type', 'application/json').send(deepArray)).status,
    ).toBe(400);
    for (const page of ['1e20', '100001', '9007199254740993']) {
      const res = await t.http().get('/api/v1/resources').query({ page }).set(t.admin);
      expect({ page, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ page, status: 400, field: 'page' });
    }
  });

  it('marks every API answer Cache-Control: no-store, errors included', async () => {
    const ok = await t.http().get('/api/v1/participants').set(t.admin).expect(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    const denied = await t.http().get('/api/v1/participants').expect(401);
    expect(denied.headers['cache-control']).toBe('no-store');
  });
});

describe('rate limit per client address for unauthenticated and failed-auth requests', () => {
  it('throttles a flood of random bearer tokens from one address, and counts addresses behind a trusted proxy apart', async () => {
    const t = await createTestApp({ RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '5', TRUSTED_PROXY: 'loopback' });
    try {
      const random = () => ({ Authorization: `Bearer random-${Math.random().toString(36).slice(2)}` });
      for (let i = 0; i < 5; i++) {
        await t.http().get('/api/v1/resources').set(random()).set('X-Forwarded-For', '203.0.113.7').expect(401);
      }
      const limited = await t.http().get('/api/v1/resources').set(random()).set('X-Forwarded-For', '203.0.113.7').expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.code).toBe('RATE_LIMITED');
      await t.http().get('/api/v1/resources').set('X-Forwarded-For', '203.0.113.7').expect(429);
      // Another client behind the same proxy is not affected.
      await t.http().get('/api/v1/resources').set(t.admin).set('X-Forwarded-For', '203.0.113.8').expect(200);
    } finally {
      await t.close();
    }
  });

  it('ignores X-Forwarded-For without a trusted proxy (a client cannot pick its own address)', async () => {
    const t = await createTestApp({ RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '3' });
    try {
      for (let i = 0; i < 3; i++) await t.http().get('/api/v1/resources').set('X-Forwarded-For', `198.51.100.${i}`).expect(401);
      await t.http().get('/api/v1/resources').set('X-Forwarded-For', '198.51.100.99').expect(429);
    } finally {
      await t.close();
    }
  });
});
