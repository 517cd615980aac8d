import type { TestApp } from './test-app';

type Headers = { Authorization: string };

export async function createParticipant(t: TestApp, overrides: Record<string, unknown> = {}, headers: Headers = t.admin) {
  const res = await t
    .http()
    .post('/api/v1/participants')
    .set(headers)
    .send({
      displayName: 'Aさん',
      area: '中央',
      ageBand: '30代',
      needs: '人と話すのが苦手。静かな場所で黙々とできる作業を週1回から',
      strengths: '細かい作業が得意',
      considerationsForHost: '最初は短時間から',
      healthNote: '通院中（うつ）',
      householdNote: '母と二人暮らし',
      referralRoute: 'family',
      readinessStage: 'social_life',
      constraints: { availableDays: ['tue', 'thu'], avoid: ['talking'] },
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`participant not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

export async function giveConsent(
  t: TestApp,
  participantId: string,
  scope: string[] = ['displayName', 'ageBand', 'strengths', 'considerationsForHost'],
) {
  const res = await t
    .http()
    .put(`/api/v1/participants/${participantId}/consent`)
    .set(t.admin)
    .send({ status: 'obtained', method: '面談で書面により確認', scope });
  if (res.status !== 200) throw new Error(`consent not recorded: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function propose(t: TestApp, participantId: string, resourceId: string) {
  const res = await t.http().post('/api/v1/placements').set(t.admin).send({ participantId, resourceId });
  if (res.status !== 201) throw new Error(`placement not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; state: string };
}

export function transition(t: TestApp, placementId: string, body: object) {
  return t.http().post(`/api/v1/placements/${placementId}/transitions`).set(t.admin).send(body);
}
