/** Generic helpers over the generated `operations` type. */
import type { operations } from './schema.gen.js';

/** Every operationId in the spec. */
export type OperationId = keyof operations;
/** The query parameters of an operation (an empty object when it takes none). */
export type QueryOf<Op extends OperationId> = NonNullable<operations[Op]['parameters']['query']>;
/** The JSON request body of an operation (`never` when it takes none). */
export type RequestBodyOf<Op extends OperationId> = operations[Op] extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;
/** The JSON body of one response of an operation (`never` for a response without a body). */
export type ResponseOf<
  Op extends OperationId,
  Status extends keyof operations[Op]['responses'],
> = operations[Op]['responses'][Status] extends { content: { 'application/json': infer Body } }
  ? Body
  : never;
