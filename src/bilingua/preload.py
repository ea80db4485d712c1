"""Imported once by the fork server that starts ``--jobs`` workers: builds what every worker needs.

Workers forked from the fork server (see ``workers._server_context``) get
what is built here before the first fork without cost: the packaged rules
and their matchers, camel-tools' mappers, ftfy, langdetect's profiles for
the default candidates. Without it each worker spent ~0.3 s (more on a busy
machine) building them again. Workers forked from the main process
(``workers.start_early``) build them as their first batch needs them, as a
single process does.
"""

from .pipeline import Cleaner

#: Documents that make a default cleaner build everything it builds lazily.
_WARM_UP = (
    "Share\nThe minister\u00e2\u20ac\u2122s office said the talks would resume. مشاركة :",
    "Le gouvernement a annoncé mardi de nouvelles mesures pour les agriculteurs.",
)

for _document in _WARM_UP:
    Cleaner().clean(_document)
