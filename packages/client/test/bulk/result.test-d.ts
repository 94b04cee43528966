import { describe, expectTypeOf, it } from 'vitest';
import {
  type Failed,
  type KantataApiError,
  type KantataClient,
  KantataNotSentError,
  KantataUnknownOutcomeError,
} from '../../src/index.js';

const kantata = {} as KantataClient;

describe('createMany result types', () => {
  it('types each failure error by its reason', async () => {
    const { created, failed } = await kantata.organizationMemberships.createMany([]);
    expectTypeOf(created[0]!.confirmed).toEqualTypeOf<boolean>();
    const failure = failed[0]!;
    expectTypeOf(failure.reason).toEqualTypeOf<'invalid' | 'rejected' | 'not_sent' | 'unknown'>();
    // Still an Error whatever the reason, as before.
    expectTypeOf(failure.error).toExtend<Error>();
    if (failure.reason === 'invalid') expectTypeOf(failure.error).toEqualTypeOf<KantataApiError>();
    if (failure.reason === 'rejected') expectTypeOf(failure.error).toEqualTypeOf<KantataApiError>();
    if (failure.reason === 'not_sent') {
      expectTypeOf(failure.error).toEqualTypeOf<KantataNotSentError>();
    }
    if (failure.reason === 'unknown') {
      expectTypeOf(failure.error).toEqualTypeOf<KantataUnknownOutcomeError>();
    }
  });

  it('keeps the input type on each failure', () => {
    type F = Failed<{ user_id: number }>;
    expectTypeOf<F['input']>().toEqualTypeOf<{ user_id: number }>();
    expectTypeOf<F['index']>().toEqualTypeOf<number>();
    void KantataNotSentError;
    void KantataUnknownOutcomeError;
  });
});
