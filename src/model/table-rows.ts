import type { ContributorRow, DailyRow, SpaceRow } from './report.js';

/**
 * Row shape of each table id. Declared here, beside the row types, so the
 * engine and the worker (below the data sources) name it without reaching up;
 * `sources/data-source.ts` re-exports it under the same public name.
 */
export interface TableRows {
  daily: DailyRow;
  'top-spaces': SpaceRow;
  'top-contributors': ContributorRow;
}
