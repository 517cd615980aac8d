import type { TestApp } from './test-app';

type Headers = { Authorization: string };

export async function createOrganization(t: TestApp, overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const res = await t
    .http()
    .post('/api/v1/organizations')
    .set(t.admin)
    .send({ name: 'テスト受入先', kind: 'npo', area: '中央', ...overrides });
  if (res.status !== 201) throw new Error(`organization not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function resourceBody(organizationId: string, overrides: Record<string, unknown> = {}) {
  return {
    organizationId,
    type: 'work_experience',
    title: '農園での草取り・収穫体験',
    description: '季節の野菜の草取りや収穫を、スタッフと一緒に少しずつ行います。黙々とできる作業が中心です。',
    tasks: ['草取り', '収穫'],
    area: '中央',
    schedule: [{ day: 'tue', start: '09:00', end: '11:00' }],
    capacity: 3,
    vacancies: 2,
    accommodations: ['visit_ok', 'short_hours'],
    demands: { talking: 'low', physical: 'medium', literacy: 'low' },
    reward: 'unpaid',
    status: 'open',
    ...overrides,
  };
}

export async function createResource(
  t: TestApp,
  organizationId: string,
  overrides: Record<string, unknown> = {},
  headers: Headers = t.admin,
) {
  const res = await t.http().post('/api/v1/resources').set(headers).send(resourceBody(organizationId, overrides));
  if (res.status !== 201) throw new Error(`resource not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; embedding: { status: string; model: string | null }; vacancies: number };
}

export async function createToken(t: TestApp, role: string, organizationId?: string): Promise<Headers & { id: string }> {
  const res = await t
    .http()
    .post('/api/v1/tokens')
    .set(t.admin)
    .send({ name: `${role} token`, role, organizationId });
  if (res.status !== 201) throw new Error(`token not created: ${res.status} ${JSON.stringify(res.body)}`);
  return { Authorization: `Bearer ${res.body.token}`, id: res.body.id };
}
