// import from 'ticktick-recur' on Node: the same instance as require('ticktick-recur'), so a program
// that mixes both loads the module once.
import api from "./node.cjs";

export const {
  expand,
  expandMillis,
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
  agenda,
  reminders,
} = api;
