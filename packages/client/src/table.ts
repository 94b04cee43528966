/** The operation table as the runtime sees it: the generated literal types, widened. */
import type { IncludeRule } from './normalize.js';
import type { Bound } from './validate.js';

/** An operation of the table, seen without its literal types. */
export interface OperationEntry {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly bounds: Readonly<Record<string, Bound>>;
  readonly bulk?: { readonly singleKey: string; readonly bulkKey: string; readonly limit: number };
}

/** A resource of the table, seen without its literal types. */
export interface ResourceEntry {
  readonly objectsKey: string;
  readonly operations: Readonly<
    Partial<Record<'list' | 'create' | 'get' | 'update' | 'delete', OperationEntry>>
  >;
  readonly includes: Readonly<Record<string, IncludeRule>>;
  readonly pageSize?: { readonly default: number; readonly max: number };
  readonly createRequired?: readonly string[];
}
