# Browser tests: Playwright (from PyPI) drives Debian's chromium against the built site.
# `make browser-test` installs chromium with apt when it is missing, builds the book, and runs
# browser_tests/. No browser is downloaded by Playwright itself. A test stuck for 15 minutes dumps
# every thread's stack into $(BUILD)/browser-tests-stuck.log and fails; the log is printed here.
CHROMIUM ?= /usr/bin/chromium

.PHONY: browser-test

$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

browser-test: $(STAMP) $(CHROMIUM) book pdf
	@rm -f $(BUILD)/browser-tests-stuck.log
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest browser_tests -q -p no:cacheprovider \
	  || { cat $(BUILD)/browser-tests-stuck.log 2>/dev/null; exit 1; }
