"""`pyrs-build annotate`: what became of each source line, as a self-contained HTML page."""

from pyrs_build.annotate.html import render_page
from pyrs_build.annotate.lines import AnnotatedModule, annotate_module

__all__ = ["AnnotatedModule", "annotate_module", "render_page"]
