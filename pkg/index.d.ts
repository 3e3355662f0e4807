// The package's types: the functions and the hand-written interfaces the WebAssembly bindings declare
// (bindings/wasm/src/types.d.ts), re-exported without the bindings' internals.
export {
  expand,
  nextOccurrence,
  occurrences,
  complete,
  wontDo,
  skip,
  skipDate,
  pin,
  unpin,
  applyResponse,
  holidayCoverage,
} from "./dist/node/ticktick_recur.js";
export type {
  Task,
  ChecklistItem,
  BatchBody,
  BatchResponse,
  AppliedResponse,
  TaskDates,
  ExpandOptions,
  TaskOptions,
  AtOptions,
  OccurrencesOptions,
  CloseOptions,
  SkipDateOptions,
  Holidays,
  HolidayDay,
  HolidayCnYear,
  HolidayCoverage,
} from "./dist/node/ticktick_recur.js";
