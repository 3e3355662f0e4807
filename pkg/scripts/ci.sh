#!/usr/bin/env bash
# The npm package's CI steps (called from .ci/run): installs what the build and the tests need, each
# only when missing, then builds pkg/ and runs its tests: the packed tarball installed in a scratch
# project and used through require and import, the TypeScript declarations, the README's example, and
# headless Chromium loading the ES module build.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n=== npm package: %s (at %d s)\n' "$1" "$SECONDS"; }

step "toolchain"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# The CLI must be exactly the wasm-bindgen crate's version in Cargo.lock. Without --locked: with it,
# the install fails here.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "wasm-bindgen CLI ${have:-missing}, need $want"
  cargo install wasm-bindgen-cli --version "$want"
fi
wasm-bindgen --version
if ! command -v chromium > /dev/null || ! command -v chromedriver > /dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver > /dev/null
fi
chromium --version 2> /dev/null | head -1
node_major=$(node --version | sed 's/^v\([0-9]*\).*/\1/')
if [ "$node_major" -lt 20 ]; then
  echo "Node $(node --version) is too old: the package needs Node 20 or later" >&2
  exit 1
fi
node --version
npm ci --prefix pkg --no-audit --no-fund --loglevel=error

step "lint the bindings"
cargo clippy -p ticktick-recur-wasm --target wasm32-unknown-unknown -- -D warnings

step "the bindings' own unit tests (native, with Node's text reader)"
cargo test --release -p ticktick-recur-wasm --features text-reader

step "build"
npm --prefix pkg run build
# The command line, which the error tests compare messages with (already built by cargo test).
cargo build --bin ticktick-recur

step "test"
TICKTICK_RECUR_REQUIRE_BROWSER=1 \
    TICKTICK_RECUR_CLI="$(realpath "${CARGO_TARGET_DIR:-target}")/debug/ticktick-recur" \
    npm --prefix pkg test

step "done"
