# Browser tests: Playwright (from PyPI) drives Debian's chromium against the built site.
# `make browser-test` installs chromium with apt when it is missing, builds the book, and runs
# tests/browser/. No browser is downloaded by Playwright itself.
CHROMIUM ?= /usr/bin/chromium

.PHONY: browser-test

$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

browser-test: $(STAMP) $(CHROMIUM) book
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest browser_tests -q -p no:cacheprovider
