# One entry point for the quick start, the tests and the benchmarks.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUN    := $(VENV)/.installed-run
TEST   := $(VENV)/.installed-test
COMPILED := $(VENV)/.compiled

.PHONY: demo test test-deep mutate bench lint clean

# Installing. The venv starts without pip; the interpreter's own pip puts uv into it, and uv installs
# the project. A fresh install of the test extras took 41 s with the pip that ensurepip bundles with
# Python 3.11 (23.2: 7 s to set itself up, then 34 s, most of it spent judging the ~58,000 links of the
# package indexes one by one), 22 s with pip 26 and 5 s with uv (which fetches in parallel); putting
# uv alone into the venv takes 4.5 s, uv and a current pip 7 s. uv reads PyPI only: where it cannot
# install (a machine that reaches only the mirror its pip is configured for), pip does, a current one
# (put into the venv then, by uv or else by the interpreter's pip). Where the interpreter has no pip of
# its own (or one older than 22.3, without --python), the venv is made the usual way, with pip.
$(BIN)/python:
	$(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(BIN)/python install --quiet uv \
	  || { rm -rf $(VENV) && $(PYTHON) -m venv --upgrade-deps $(VENV); } || { rm -rf $(VENV); exit 1; }

# Neither uv nor pip (--no-compile) compiles the modules it installs (scipy's and numpy's tests included,
# half of pip's time); Python compiles what is imported, on first use. Twice quiet: pip 24+ passes on
# setuptools' notice about editable installs, which is no news; errors show.
PIP = { $(BIN)/python -m pip --version > /dev/null 2>&1 \
	  || $(BIN)/uv pip install --quiet --python $(BIN)/python 'pip>=24' 2>/dev/null \
	  || $(PYTHON) -m pip --python $(BIN)/python install --quiet 'pip>=24'; }
INSTALL = { $(BIN)/uv pip install --quiet --python $(BIN)/python $(1) 2>/dev/null \
	  || { $(PIP) && $(BIN)/python -m pip install --quiet --quiet --no-compile $(1); }; }

$(RUN): pyproject.toml | $(BIN)/python
	$(call INSTALL,-e .)
	touch $(RUN)

$(TEST): pyproject.toml | $(BIN)/python
	$(call INSTALL,-e '.[test]')
	rm -f $(COMPILED)
	touch $(TEST) $(RUN)

## demo: install into .venv; match the demo workspace, recommend for one pair and write its sheet to out/
demo: $(RUN)
	$(BIN)/werkpost validate
	$(BIN)/werkpost match
	$(BIN)/werkpost recommend --worker w-001 --workstation ws-palletising
	$(BIN)/werkpost sheet --worker w-001 --workstation ws-palletising --out out/w-001.pdf --force

# One test worker more than there are cores: a TUI test spends about a third of its time waiting for the
# app to look idle (Textual's Pilot sleeps 20 ms after each key), and the extra worker fills those gaps.
# On 2 cores with mypy beside: 2 workers 178-179 s, 3 workers 169-174 s, 4 workers 185 s; once `settle`
# waited less (tests/tui/conftest.py), 2 workers 178 and 180 s, 3 workers 182 and 176 s: as good.
# Once screens opened with less work (round 2, session 6), pytest alone on a warm tree: 2 workers 150.6 and
# 150.4 s (250 and 246 s of CPU), 3 workers 149.8 and 149.0 s (274 and 272 s of CPU): still as good.
CORES   := $(shell nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
WORKERS ?= $(shell echo $$(($(CORES) + 1)))

## test: install with test extras into .venv and run lint, types and the tests (one worker per core and one more; idle workers steal queued tests)
# mypy (about 18 s of one core on a fresh clone) runs in the background: beside the one collection after
# an install (below), else beside the tests, which leave a core idle at times (a worker waiting for a
# killed writer, a TUI test pausing); its report is printed after theirs, and
# either failing fails the target. Bytecode is cached for the run (some machines switch that off with
# PYTHONDONTWRITEBYTECODE): the test processes then compile each module once, not each on its own.
#
# On a fresh venv the test workers, starting together, each compiled the same ~2,000 modules they import
# (12 s of CPU apiece). So the first run after an install collects the tests once, beside mypy, which
# compiles every module they import once; the workers then start on compiled modules (a fresh make test:
# 194 -> 190 s: the tests 175 -> 157 s after a 16 s collection). $(COMPILED) says it was done.
test: $(TEST)
	$(BIN)/ruff check .
	$(BIN)/mypy > $(VENV)/mypy.out 2>&1 & mypy=$$!; \
	test -e $(COMPILED) || { env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest --collect-only -q -p no:cacheprovider \
	  > /dev/null 2>&1; touch $(COMPILED); }; \
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -n $(WORKERS) --dist worksteal; tests=$$?; \
	wait $$mypy; types=$$?; cat $(VENV)/mypy.out; \
	test $$tests -eq 0 -a $$types -eq 0

## test-deep: the tests with the deep Hypothesis profile (500 random examples per property instead of 40 fixed ones)
test-deep: $(TEST)
	HYPOTHESIS_PROFILE=deep $(BIN)/pytest -n $(WORKERS) --dist worksteal

## mutate: break each rule of the model in turn (contract section 5); some test must fail for every one
mutate: $(TEST)
	$(BIN)/python tests/mutation/run.py

## bench: the pytest-benchmark suite (not part of make test); make bench BENCH_ARGS='-m "not slow"' skips the 5,000-worker firms
bench: $(TEST)
	$(BIN)/pytest -o addopts="" tests/benchmarks --benchmark-only --benchmark-columns=min,median,mean,max,rounds $(BENCH_ARGS)

lint: $(TEST)
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
