# Entry points. Each target only delegates to a Python command (see devtools/).
PYTHON ?= python3
ROLE ?= admin_bkpsdm
ARGS ?=

.PHONY: run test token bench lint migrate openapi-ts

run:  ## start the platform with demo data (embedded PostgreSQL unless DATABASE_URL is given)
	$(PYTHON) -m devtools run $(ARGS)

test:  ## run the whole test suite against real PostgreSQL
	$(PYTHON) -m devtools test $(ARGS)

token:  ## print a development token: make token ROLE=admin_opd [OPD=<unit id>] [NIP=<nip>]
	@$(PYTHON) -m devtools token --role $(ROLE) $(if $(OPD),--opd $(OPD)) $(if $(NIP),--nip $(NIP))

bench:  ## Pemda-scale benchmark (not part of the test run)
	$(PYTHON) -m devtools bench $(ARGS)

lint:  ## ruff (check and format), the import-linter architecture contract, mypy
	$(PYTHON) -m devtools lint $(ARGS)

migrate:  ## apply migrations to every service database and exit
	$(PYTHON) -m devtools migrate $(ARGS)

openapi-ts:  ## the TypeScript types generated from each app's OpenAPI compile (needs Node 18+ and npm)
	$(PYTHON) -m devtools openapi-ts $(ARGS)
