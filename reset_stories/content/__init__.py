"""Reading and checking what staff write, once, into typed values.

The first stage of the flow *read → model → plan → render → publish*: front matter
(:mod:`.sources`, :mod:`.fields`), the settings in mkdocs.yml (:mod:`.settings`), people's credits,
chapters, transcripts, links between pages, the publication ledger, the files ``new`` writes, and
:mod:`.loader`, which loads a whole project into a :class:`~reset_stories.model.Catalog` and
reports every problem at once.
"""
