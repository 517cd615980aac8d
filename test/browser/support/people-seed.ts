import { baseUrl } from './browser';

/** The admin token the browser tests' service starts with (support/service.ts). */
const ADMIN = { Authorization: 'Bearer browser-admin-token-0123456789' };

/** A JSON call to the running service as the admin (seeding only: the screens themselves are driven in the browser). */
export async function adminApi<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { ...ADMIN, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** A signed-up person: created by the admin, invitation accepted with a password, as a real user would. */
export async function seedUser(
  role: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; login: string; password: string }> {
  const login = `${role}-${Math.random().toString(36).slice(2, 10)}@example.jp`;
  const password = `しずかな朝の散歩-${Math.random().toString(36).slice(2, 8)}`;
  const created = await adminApi<{ id: string; invitationUrl: string }>('POST', '/api/v1/users', {
    login,
    displayName: role === 'coordinator' ? '山田 花子' : `${role} さん`,
    role,
    ...extra,
  });
  if (created.status !== 201) throw new Error(`user not created: ${created.status} ${JSON.stringify(created.body)}`);
  const token = created.body.invitationUrl.split('/').pop();
  const res = await fetch(`${baseUrl()}/api/v1/invitations/accept`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token, password }),
  });
  if (res.status !== 200) throw new Error(`invitation not accepted: ${res.status} ${await res.text()}`);
  return { id: created.body.id, login, password };
}

/** A small catalogue in one area, waiting until every resource is searchable (embedded by the worker). */
export async function seedCatalogue(area: string): Promise<{ organizationId: string; resourceIds: string[] }> {
  const org = await adminApi<{ id: string }>('POST', '/api/v1/organizations', { name: 'NPO法人みどりの木', kind: 'npo', area });
  if (org.status !== 201) throw new Error(`organization not created: ${org.status} ${JSON.stringify(org.body)}`);
  const resources = [
    {
      type: 'work_experience',
      title: '農園での草取り・収穫体験',
      description: '季節の野菜の草取りや収穫を、スタッフと一緒に少しずつ行います。黙々とできる作業が中心で、人と話すことは少なめです。',
      tasks: ['草取り', '収穫'],
      schedule: [{ day: 'tue', start: '09:00', end: '11:00' }],
      nearestStation: 'みどり中央駅',
      accessMinutes: 10,
      accommodations: ['visit_ok', 'short_hours', 'little_talking'],
      demands: { talking: 'low', physical: 'medium', literacy: 'low' },
    },
    {
      type: 'ibasho',
      title: '地域のコミュニティカフェ（居場所）',
      description: '誰でも立ち寄れる居場所です。お茶を飲みながら過ごせます。話さなくても大丈夫。週1回から通えます。',
      tasks: ['お茶出し'],
      schedule: [{ day: 'thu', start: '13:00', end: '16:00' }],
      nearestStation: 'みどり中央駅',
      accessMinutes: 5,
      accommodations: ['visit_ok', 'quiet', 'accompany_ok'],
      demands: { talking: 'low', physical: 'low', literacy: 'low' },
    },
    {
      type: 'volunteer',
      title: '図書館での本の整理ボランティア',
      description: '返却された本を棚に戻したり、ラベルを貼ったりする静かな作業です。一人でできます。',
      tasks: ['本の整理', 'ラベル貼り'],
      schedule: [{ day: 'tue', start: '10:00', end: '12:00' }],
      nearestStation: 'みどり北駅',
      accessMinutes: 15,
      accommodations: ['solo_work', 'quiet', 'seated'],
      demands: { talking: 'low', physical: 'low', literacy: 'medium' },
    },
  ];
  const ids: string[] = [];
  for (const r of resources) {
    const created = await adminApi<{ id: string }>('POST', '/api/v1/resources', {
      organizationId: org.body.id,
      area,
      capacity: 3,
      vacancies: 2,
      reward: 'unpaid',
      status: 'open',
      ...r,
    });
    if (created.status !== 201) throw new Error(`resource not created: ${created.status} ${JSON.stringify(created.body)}`);
    ids.push(created.body.id);
  }
  const deadline = Date.now() + 150_000;
  for (const id of ids) {
    for (;;) {
      const res = await adminApi<{ embedding: { status: string } }>('GET', `/api/v1/resources/${id}`);
      if (res.body.embedding.status === 'ready') break;
      if (res.body.embedding.status === 'failed' || Date.now() > deadline) throw new Error(`resource ${id} not embedded`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return { organizationId: org.body.id, resourceIds: ids };
}
