"""The engines at the edge: the only code that knows a static-site generator.

:mod:`.mkdocs` is the MkDocs plugin (and the CLI's way to build and serve through MkDocs), the
only module that imports mkdocs; :mod:`.theme` and :mod:`.config_errors` help it without
importing it (the theme's language, MkDocs's configuration errors in Italian).
"""
