# TeX tests: the site's BibTeX export (and the survey's own citation) is compiled with the
# toolchains authors cite with: pdflatex + natbib/plainnat + bibtex, and pdflatex + biblatex + biber
# (tests/test_latex.py). `make tex-tools` installs Debian's TeX Live pieces with apt when one is
# missing (as browser.mk does for chromium); `make test` depends on it, so CI runs the compile test.
# The minimal set, with --no-install-recommends (no docs, no extra fonts):
#   texlive-latex-base         pdflatex, bibtex, natbib.sty, plainnat.bst, url.sty
#   texlive-latex-recommended  etoolbox.sty (biblatex needs it; texlive-bibtex-extra only recommends it)
#   texlive-bibtex-extra       biblatex.sty, logreq.sty
#   biber                      biber (Debian's build matches its biblatex)
TEX_PACKAGES := texlive-latex-base texlive-latex-recommended texlive-bibtex-extra biber
TEX_FILES := natbib.sty plainnat.bst etoolbox.sty biblatex.sty

.PHONY: tex-tools

tex-tools:
	@command -v pdflatex >/dev/null && command -v bibtex >/dev/null && command -v biber >/dev/null \
	  && test "$$(kpsewhich $(TEX_FILES) | wc -l)" -eq $(words $(TEX_FILES)) \
	  || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	       --no-install-recommends $(TEX_PACKAGES) >/dev/null; }
