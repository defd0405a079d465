# Attesta's one entry point: CI runs `make test` (through .ci/run); `make help` lists targets.
# Every target installs what it needs on a fresh machine (rustup stable, Python 3.11, Node 20).

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
STAGE := scripts/stage.sh
# Print per-stage timings at the end of `make test`.
export ATTESTA_TIMINGS ?= $(CURDIR)/target/stage-timings.txt

.DEFAULT_GOAL := help
.PHONY: help demo test bootstrap fmt fmt-check clippy lint test-rust features wasm wasm-package \
	wasm-test build-release bench schemas docs fuzz bless

help: ## List the targets
	@echo "Attesta — make targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  \1\t/' | expand -t 18

demo: build-release ## Validate the two example records with the CLI and show the reports
	@scripts/demo.sh

test: ## Everything CI checks, stage by stage: toolchain, fmt, clippy, tests, feature builds, Python, wasm package, browser, demo
	@mkdir -p target && : > $(ATTESTA_TIMINGS)
	@$(STAGE) "bootstrap (toolchain)" scripts/bootstrap.sh
	@$(STAGE) "cargo fmt --check" $(MAKE) --no-print-directory fmt-check
	@$(STAGE) "cargo clippy" $(MAKE) --no-print-directory clippy
	@$(STAGE) "cargo test" $(MAKE) --no-print-directory test-rust
	@$(STAGE) "feature builds (cargo hack)" $(MAKE) --no-print-directory features
	@$(STAGE) "python (wheel, pytest, stubtest)" $(MAKE) --no-print-directory python
	@$(STAGE) "wasm: package + node tests + tsc" $(MAKE) --no-print-directory wasm-test
	@$(STAGE) "interop: credentials vs Digital Bazaar (Node, offline)" $(MAKE) --no-print-directory interop-vc
	@$(STAGE) "browser: the offline form in headless Chromium" $(MAKE) --no-print-directory web-test
	@$(STAGE) "demo (smoke)" $(MAKE) --no-print-directory demo
	@printf '\n==== all stages passed ====\n'; cat $(ATTESTA_TIMINGS)

bootstrap: ## Check cargo/rustfmt/clippy and install a wasm32 toolchain if missing
	@scripts/bootstrap.sh

fmt: ## Format all Rust code
	cargo fmt --all

fmt-check: ## Fail when Rust code is not formatted
	cargo fmt --all --check

clippy: ## Clippy (pedantic, as the workspace lints say) on every crate and target, warnings denied
	cargo clippy --workspace --all-targets --all-features -- -D warnings

lint: fmt-check clippy ## fmt-check and clippy

# attesta-py links libpython for its Rust tests; a Python built without a shared libpython
# cannot, and then the crate is skipped here (it is still clippy-checked, and its behaviour is
# tested through the installed wheel).
test-rust: ## Rust tests (unit, integration, doctests incl. README) of every crate
	@if cargo test -p attesta-py --no-run >/dev/null 2>&1; then \
		cargo test --workspace --all-features; \
	else \
		echo "note: attesta-py cannot link libpython here: its Rust tests are skipped"; \
		cargo test --workspace --all-features --exclude attesta-py; \
	fi

features: ## Check the core with each feature alone and with none (installs cargo-hack if missing)
	@scripts/feature-builds.sh

# The credentials interop stage (its own .PHONY line, so it merges beside other new targets).
.PHONY: interop-vc
interop-vc: ## Credentials: Attesta's signed exports verify with @digitalbazaar/vc and back (Node, offline)
	@scripts/interop-vc.sh

# The Python stage (its own .PHONY line, so it merges beside other new targets).
.PHONY: python
python: ## Python: build the wheel, install it in a fresh venv, pytest + stubtest (target/py-venv)
	@scripts/python-test.sh

wasm: ## Build attesta-wasm for wasm32-unknown-unknown (profile wasm)
	@scripts/build-wasm.sh attesta-wasm

wasm-package: ## Build the npm package `attesta` into wasm/pkg (wasm-bindgen, types, gzip size budget)
	@scripts/wasm-package.sh

wasm-test: ## wasm-package, then its Node tests (fixtures, API) and tsc over the type tests
	@scripts/wasm-test.sh

# The offline form (issue 16): wasm/demo + the package + the bundles in target/web.
.PHONY: web web-build web-test
web: web-build ## Build the offline form into target/web and serve it on 127.0.0.1 (WEB_PORT, 8080; Ctrl-C stops; WEB_NO_SERVE=1 only builds)
	@if [ -n "$(WEB_NO_SERVE)" ]; then echo "web: built target/web (WEB_NO_SERVE: not serving)"; \
	else node wasm/tools/web-serve.mjs target/web $(or $(WEB_PORT),8080); fi

web-test: ## The browser test: Chromium (apt when missing), target/web, wasm/test/browser under playwright-core
	@scripts/browser-test.sh

web-build: ## Build the offline form into target/web (package, ESCO bundle from ../shared/data, site)
	@scripts/web-build.sh

build-release: ## Build the `attesta` CLI (release) into target/release/attesta
	cargo build --release -p attesta --features cli --bin attesta

bench: ## Benchmarks with peers and floors, PASS/MISS per target; results in target/bench/results.json
	@rm -f target/bench/results.json
	@$(STAGE) "bench: validation vs parse floor and the jsonschema crate" \
		cargo bench -p attesta-bench --bench validate
	@$(STAGE) "bench: validation peak RSS per input byte, worst records found" \
		cargo test --release -p attesta --features cli --test bounded memory_ -- --nocapture --test-threads=1
	@$(STAGE) "bench: Python peers (venv in target/bench-venv)" scripts/bench-venv.sh
	@$(STAGE) "bench: Python binding vs json.loads, fastjsonschema, jsonschema" scripts/bench-venv.sh --binding
	@$(STAGE) "bench: frameworks vs pandas, rapidfuzz, scipy and the read/checksum floors" \
		cargo bench -p attesta-bench --bench frameworks
	@$(STAGE) "bench: wasm (Node vs Ajv, browser search and cold start, WASM vs native)" \
		scripts/bench-wasm.sh
	@echo "bench: every row above, with the machine, in target/bench/results.json"

# Fuzzing is not part of `make test`: a libFuzzer build with sanitizers takes minutes and a
# run is only worth something after minutes more. `make test` instead replays the committed
# seeds and past crashes through the same target functions (core/tests/fuzz_corpus.rs), which
# takes well under a second.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
fuzz: ## Run every fuzz target FUZZ_SECONDS (60) each; installs cargo-fuzz; FUZZ_TARGETS=… picks some
	@FUZZ_SECONDS="$(FUZZ_SECONDS)" scripts/fuzz.sh $(FUZZ_TARGETS)

schemas: ## Regenerate the committed JSON Schemas and generated docs (drift tests with BLESS=1)
	BLESS=1 cargo test -p attesta --all-features --test drift

bless: ## Rewrite every expected file: record fixtures, document, case and framework-query corpora, schemas and docs
	BLESS=1 cargo test -p attesta --all-features --test fixtures --test documents_corpus \
		--test cases_corpus --test queries_corpus --test drift

docs: schemas ## Same as schemas: the drift tests also write docs/finding-codes.md and docs/error-kinds.md
