import type { Actor } from '../../src/auth/actor';
import { AppException } from '../../src/common/app.exception';
import type { JobRepository } from '../../src/jobs/job.repository';
import type { JapaneseTokenizer } from '../../src/common/japanese/tokenizer';
import type { OrganizationRepository } from '../../src/organizations/organization.repository';
import type { CreateResourceDto } from '../../src/resources/dto/resource.dto';
import type { ResourceRepository } from '../../src/resources/resource.repository';
import { ResourceService } from '../../src/resources/resource.service';

const ORG = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const host: Actor = { tokenId: 't1', role: 'host', organizationId: ORG, areas: null, route: 'test' };
const coordinator: Actor = { tokenId: 't2', role: 'coordinator', organizationId: null, areas: null, route: 'test' };

function dto(overrides: Partial<CreateResourceDto> = {}): CreateResourceDto {
  return {
    organizationId: ORG,
    type: 'ibasho',
    title: 'サロン',
    description: '毎週のお茶会',
    area: '中央',
    schedule: [{ day: 'wed', start: '13:00', end: '15:00' }],
    capacity: 5,
    vacancies: 2,
    ...overrides,
  } as CreateResourceDto;
}

function setup() {
  const resources = {
    create: jest.fn().mockResolvedValue('r1'),
    findById: jest.fn().mockResolvedValue({
      id: 'r1',
      organizationId: ORG,
      organizationName: 'A',
      demandTalking: 'medium',
      demandPhysical: 'medium',
      demandLiteracy: 'medium',
      embeddingStatus: 'pending',
      embeddingModel: null,
    }),
    update: jest.fn(),
  };
  const organizations = { exists: jest.fn().mockResolvedValue(true) };
  const words = (text: string) => text.split(/\s+/).filter(Boolean);
  const tokenizer = { contentWords: jest.fn(words), lexicalTerms: jest.fn((text: string) => ({ words: words(text), grams: [] })) };
  const jobs = { enqueueResourceEmbedding: jest.fn().mockResolvedValue(true), enqueueEmbedPending: jest.fn().mockResolvedValue(true) };
  const service = new ResourceService(
    resources as unknown as ResourceRepository,
    organizations as unknown as OrganizationRepository,
    tokenizer as unknown as JapaneseTokenizer,
    jobs as unknown as JobRepository,
  );
  return { service, resources, organizations, jobs };
}

describe('ResourceService', () => {
  it('creates a resource as pending and enqueues its embedding with the content hash', async () => {
    const { service, resources, jobs } = setup();
    await service.create(coordinator, dto());
    const [values] = resources.create.mock.calls[0];
    expect(values).toMatchObject({ embeddingStatus: 'pending', scheduleDays: ['wed'] });
    expect(values.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(jobs.enqueueResourceEmbedding).toHaveBeenCalledWith('r1', values.contentHash);
  });

  it('refuses a host creating for another organisation, before touching the database', async () => {
    const { service, resources } = setup();
    await expect(service.create(host, dto({ organizationId: OTHER }))).rejects.toThrow(AppException);
    expect(resources.create).not.toHaveBeenCalled();
  });

  it('names the field when vacancies exceed capacity or a slot ends before it starts', async () => {
    const { service } = setup();
    await expect(service.create(coordinator, dto({ capacity: 1, vacancies: 2 }))).rejects.toMatchObject({
      details: { errors: [{ field: 'vacancies' }] },
    });
    await expect(
      service.create(
        coordinator,
        dto({
          schedule: [
            { day: 'mon', start: '10:00', end: '12:00' },
            { day: 'tue', start: '12:00', end: '11:00' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ details: { errors: [{ field: 'schedule[1].end' }] } });
  });

  it('reports an unknown organisation as a validation error on organizationId', async () => {
    const { service, organizations } = setup();
    organizations.exists.mockResolvedValue(false);
    await expect(service.create(coordinator, dto())).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'organizationId' }] },
    });
  });

  it('re-embeds only when the embedded text changes', async () => {
    const { service, resources, jobs } = setup();
    const current = {
      id: 'r1',
      organizationId: ORG,
      type: 'ibasho',
      title: 'サロン',
      description: '毎週のお茶会',
      tasks: [],
      accommodations: [],
      demandTalking: 'medium',
      demandPhysical: 'medium',
      demandLiteracy: 'medium',
      reward: 'unpaid',
      capacity: 5,
      vacancies: 2,
      schedule: [],
      contentHash: '',
    };
    resources.update.mockImplementation(async (_id: string, change: (c: unknown) => { values: object }) => {
      const first = change({ ...current });
      current.contentHash = (first.values as { contentHash?: string }).contentHash ?? current.contentHash;
      return true;
    });
    await service.update(coordinator, 'r1', { description: '新しい説明' });
    expect(jobs.enqueueResourceEmbedding).toHaveBeenCalledTimes(1);
    current.description = '新しい説明';
    await service.update(coordinator, 'r1', { vacancies: 1 });
    expect(jobs.enqueueResourceEmbedding).toHaveBeenCalledTimes(1);
  });

  it("hides another organisation's resource from a host as not found", async () => {
    const { service, resources } = setup();
    resources.findById.mockResolvedValue({ id: 'r9', organizationId: OTHER });
    await expect(service.get(host, 'r9')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
