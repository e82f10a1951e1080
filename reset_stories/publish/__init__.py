"""What a build produces and how it is written: safely, or not at all.

:mod:`.release` turns a loaded project into what will be published, once the feed has passed the
linter; :mod:`.atomic` swaps a complete site in at once; :mod:`.outputs` keeps outputs away from
the sources; :mod:`.faults` tells file-system faults to staff.
"""
