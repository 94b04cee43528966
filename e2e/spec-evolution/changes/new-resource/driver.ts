// Compiles only once the new resource reached the types, the client and the fixtures.
import type { KantataClient } from '@kantata-ox/client';
import { createFactories, createFakeKantata, type FakeData } from '@kantata-ox/fixtures';
import type {
  ListSkillMembershipsQuery,
  Skill,
  SkillMembership,
  SkillMembershipCreateFields,
} from '@kantata-ox/types';

const query: ListSkillMembershipsQuery = { skill_ids: [1], level: 3, include: ['skill', 'user'] };
const fields: SkillMembershipCreateFields = { user_id: 1, skill_id: 2, level: 4 };
const skill: Skill = createFactories().buildSkill({ name: 'TypeScript' });
const data: FakeData = { skills: [skill], skillMemberships: [fields] };
const fake = createFakeKantata({ generate: { skillMemberships: 2, skills: 2 } });
const stored: number | undefined = fake.store.skillMemberships.get(1)?.level;

export async function drive(kantata: KantataClient): Promise<SkillMembership[]> {
  const page = await kantata.skillMemberships.list({ ...query, include: ['skill'] });
  const name: string | undefined = page.items[0]?.skill?.name;
  const one = await kantata.skillMemberships.get(1, { include: ['user'] });
  await kantata.skillMemberships.create(fields);
  const many = await kantata.skillMemberships.createMany([fields, fields]);
  await kantata.skillMemberships.delete(one.id);
  void [name, stored, data];
  return many.created.map((c) => c.object);
}
