/**
 * The helpers follow each resource's operations in types: the entry shapes of
 * `shapes.test.ts` give exactly the helpers the run time gives them.
 */
import type { OrganizationMembership } from '@kantata-ox/types';
import type { ResourceFacts } from '@kantata-ox/types/resources';
import { describe, expectTypeOf, it } from 'vitest';
import type { HelpersIn } from '../../src/types.js';
import type { Keeping, KeepingWithoutBulk } from '../doubles/shapes.js';

type NamesOf<F extends ResourceFacts> = keyof HelpersIn<F>;

describe('the helpers of an entry', () => {
  it('of a read-only list: list and listAll', () => {
    expectTypeOf<NamesOf<Keeping<'list', 'only'>>>().toEqualTypeOf<'list' | 'listAll'>();
  });

  it('of a list with only: get too', () => {
    expectTypeOf<NamesOf<Keeping<'list'>>>().toEqualTypeOf<'list' | 'listAll' | 'get'>();
  });

  it('of a list and a get-one: get too', () => {
    expectTypeOf<NamesOf<Keeping<'list' | 'get', 'only'>>>().toEqualTypeOf<
      'list' | 'listAll' | 'get'
    >();
  });

  it('of a resource without create: neither create nor createMany', () => {
    expectTypeOf<NamesOf<Keeping<'list' | 'get' | 'update' | 'delete'>>>().toEqualTypeOf<
      'list' | 'listAll' | 'get' | 'update' | 'delete'
    >();
  });

  it('of a create without a bulk form: create only', () => {
    expectTypeOf<NamesOf<KeepingWithoutBulk<'create'>>>().toEqualTypeOf<'create'>();
  });

  it('of a delete only, and of no operation', () => {
    expectTypeOf<NamesOf<Keeping<'delete'>>>().toEqualTypeOf<'delete'>();
    expectTypeOf<NamesOf<Keeping<never>>>().toEqualTypeOf<never>();
  });

  it('types the helpers it has like the full resource', async () => {
    const readOnly = {} as HelpersIn<Keeping<'list', 'only'>>;
    const page = await readOnly.list({ member_type: 'User' });
    expectTypeOf(page.items).toEqualTypeOf<OrganizationMembership[]>();
    // @ts-expect-error a read-only resource has no create
    void readOnly.create;
    // @ts-expect-error nor a get, without a get-one or an only parameter
    void readOnly.get;
  });
});
