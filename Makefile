# Two commands do all set-up themselves: `make report` and `make test`.
# Both create .venv/ when missing (python3 -m venv + pip install -e '.[test]') and reuse it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Kernels, IPython and matplotlib write caches under HOME: keep them inside the venv.
export MPLCONFIGDIR := $(CURDIR)/$(VENV)/cache/matplotlib
export IPYTHONDIR := $(CURDIR)/$(VENV)/cache/ipython
export JUPYTER_RUNTIME_DIR := $(CURDIR)/$(VENV)/cache/jupyter-runtime

.PHONY: venv test lint report rekap bench clean ajar

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	mkdir -p $(VENV)/cache
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check .

test: lint
	$(BIN)/python -m pytest -n 2 -q

# The example's latest semester (earlier ones first when their report is missing, for the trend);
# the last line printed is the path of the report.
report: $(STAMP)
	$(BIN)/ikm render params/contoh

# The regency example: 12 unit reports in parallel (one broken data file on purpose: it is listed in
# the summary and does not stop the others, hence --lanjut-bila-gagal), then the regional roll-up.
# A second run skips every unit whose inputs are unchanged.
rekap: $(STAMP)
	$(BIN)/ikm batch params/contoh-kabupaten --lanjut-bila-gagal
	$(BIN)/ikm rekap params/contoh-kabupaten --judul "Kabupaten Contoh"

# The teaching notebook (code visible) on the example class, or DATA=kelas.csv: outputs/ajar/metode_ikm.html
ajar: $(STAMP)
	$(BIN)/ikm ajar $(if $(DATA),--data $(DATA))

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
