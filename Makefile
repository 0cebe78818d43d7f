# Two commands do all set-up: `make run` and `make test` (see README.md).
PY       ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
STORE    ?= $(or $(DKK_STORE_PATH),var/store)
BUILT    := $(STORE)/BUILT
INPUTS   := $(shell find ontology shapes data -name '*.ttl' -o -name '*.tsv' 2>/dev/null) $(shell find kg -name '*.py' -o -name '*.rq' 2>/dev/null)
VENDOR   := api/ui/static/vendor/.installed
HOST     ?= 127.0.0.1
PORT     ?= 8000

.PHONY: run test test-virtuoso build lint bench bench-long fuzz sources release messages clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# The site's front-end packages (YASGUI, Swagger UI) from the npm registry, served locally.
# Without npm the site still works: web/install.sh says what falls back, and make goes on.
$(VENDOR): web/package.json web/package-lock.json web/install.sh
	sh web/install.sh

# Rebuild the store when it is missing or older than any of its inputs.
$(BUILT): $(STAMP) $(INPUTS)
	$(BIN)/dkk build

build: $(BUILT)

# With a remote store (DKK_SPARQL_ENDPOINT), the build is published to it first when it holds none or an older one.
run: $(BUILT) $(VENDOR)
	$(BIN)/dkk publish --if-stale
	$(BIN)/uvicorn --factory api.app:create_app --host $(HOST) --port $(PORT)

# The HTTP suite runs twice: on the embedded store (with everything else), then on a real Oxigraph
# server started by the tests (the `oxigraph` package, a dev dependency) and loaded by `dkk publish`.
HTTP_SUITE := tests/test_api.py tests/test_dataset.py tests/test_gap.py tests/test_linked_data.py \
	tests/test_mappings.py tests/test_rest.py tests/test_sparql_endpoint.py tests/test_ui.py

test: lint $(VENDOR)
	$(BIN)/python -m pytest
	$(BIN)/python -m pytest -q -p no:cacheprovider --store=oxigraph $(HTTP_SUITE)

# The same HTTP suite on Debian's Virtuoso 7 (installed by scripts/install-virtuoso.sh, started and
# stopped by the tests): about 2 minutes.
test-virtuoso: $(STAMP)
	sh scripts/install-virtuoso.sh
	$(BIN)/python -m pytest -q -p no:cacheprovider --store=virtuoso $(HTTP_SUITE)

# Style (ruff) and types (mypy with the pydantic plugin, 0 errors on kg, api and bench; see pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check kg api bench tests
	$(BIN)/ruff format --check kg api bench tests
	$(BIN)/mypy kg api bench

# Benchmarks (measured, not asserted): the suggester's precision@3, and build/query/upload/start-up
# at 100k and 1M triples (bench/, beside the library); results in bench/results/.
bench: $(BUILT)
	$(BIN)/python bench/suggest_eval.py
	$(BIN)/python -m bench --scale 100k
	$(BIN)/python -m bench --scale 1m

# Growth runs at 5M and 10M triples (no rdflib baseline, no remote rows): about an hour, peak ~8 GB.
bench-long: $(BUILT)
	$(BIN)/python -m bench --scale 5m
	$(BIN)/python -m bench --scale 10m

# Fuzz the HTTP API from its OpenAPI document (Schemathesis, 200 examples an operation, ~5 min) on a fresh
# store with a provider key: 0 server errors and only documented statuses, or it fails. Log: test-artifacts/.
fuzz: $(STAMP)
	$(BIN)/python -m tests.security.fuzz --examples $(or $(EXAMPLES),200)

# Freeze the public graph as release $(VERSION) in releases/ (README, "Releases"); commit the folder.
release: $(BUILT)
	@test -n "$(VERSION)" || { echo "Say which version: make release VERSION=X.Y.Z"; exit 2; }
	$(BIN)/dkk release $(VERSION)

# The site's words: every key the templates and code use (Babel, keyword t) into messages.pot, and new ones
# merged into the Danish and English catalogues with an empty text for a translator (README, Translating).
LOCALE := kg/locale
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k t -k text -k N_ -k tn:1,2 --no-default-keywords --omit-header --sort-by-file \
		-o $(LOCALE)/messages.pot .
	$(BIN)/pybabel update -i $(LOCALE)/messages.pot -d $(LOCALE) -D messages --no-fuzzy-matching \
		--ignore-obsolete --width 110

# Regenerate data/ from ../shared/sources (only on machines that have them).
sources: $(STAMP)
	$(BIN)/dkk import-sources ../shared/sources

clean:
	rm -rf var .pytest_cache test-artifacts
