/**
 * Collects changes while the documents are walked. A change inside a shared component is met
 * once per operation that uses it; the collector keeps one entry and lists the operations.
 */
import type { ChangeKind, SpecChange } from './types';

/** Where a comparison is happening: enough to name a change and attribute it. */
export interface Where {
  out: ChangeCollector;
  /** The operation being walked, e.g. `GET /things`; undefined for document-level parts. */
  op: string | undefined;
  /** Readable location, e.g. `GET /things › query parameter per_page` or `schema Thing`. */
  loc: string;
  /** Noun phrase for messages, e.g. "the query parameter `per_page` of GET /things". */
  subject: string;
  /** True when `loc` names a shared component, so messages list the operations using it. */
  shared: boolean;
}

interface Entry {
  kind: ChangeKind;
  code: string;
  location: string;
  message: string;
  shared: boolean;
  operations: Set<string>;
}

/** Accumulates de-duplicated changes in discovery order. */
export class ChangeCollector {
  private readonly entries = new Map<string, Entry>();

  /** Records a change seen at `where` (merging repeats of the same change). */
  add(where: Where, kind: ChangeKind, code: string, message: string, location = where.loc): void {
    const key = `${kind}\u0000${code}\u0000${location}\u0000${message}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { kind, code, location, message, shared: where.shared, operations: new Set() };
      this.entries.set(key, entry);
    }
    if (where.op !== undefined) entry.operations.add(where.op);
  }

  /** The collected changes; shared-component messages name the operations they affect. */
  list(): SpecChange[] {
    return [...this.entries.values()].map((entry) => {
      const operations = [...entry.operations];
      const message =
        entry.shared && operations.length > 0
          ? `${entry.message.replace(/\.$/, '')} (used by ${listOperations(operations)}).`
          : entry.message;
      return { kind: entry.kind, code: entry.code, location: entry.location, message, operations };
    });
  }
}

/** Names up to five operations; longer lists are cut short (`operations` keeps them all). */
function listOperations(operations: readonly string[]): string {
  if (operations.length <= 5) return operations.join(', ');
  return `${operations.slice(0, 4).join(', ')} and ${operations.length - 4} more operations`;
}
