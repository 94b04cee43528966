// The table's types are declared once, in the spec model (spec/model/table.ts); tsup inlines
// them into this package's declarations, so the published package depends on nothing private.
export type * from '../../../spec/model/table.js';
