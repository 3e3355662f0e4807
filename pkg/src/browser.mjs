// import from 'ticktick-recur' in browsers, bundlers and other ES module hosts: the wasm-bindgen "web"
// glue, initialised synchronously from the .wasm embedded in ./web/wasm.mjs (base64). No fetch, no
// top-level await and no bundler plugin: a plain <script type="module"> can import it, and so can
// any bundler that understands ES modules.
import * as glue from "./web/ticktick_recur.js";
import { wasmBase64 } from "./web/wasm.mjs";
import { wrap } from "./wrap.mjs";

function decode(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

glue.initSync({ module: decode(wasmBase64) });

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
} = wrap(glue);
