// require('ticktick-recur') on Node: the wasm-bindgen "nodejs" glue, which reads and compiles the
// .wasm beside it synchronously when first required.
"use strict";
const { wrap } = require("./wrap.cjs");

module.exports = wrap(require("./node/ticktick_recur.js"));
