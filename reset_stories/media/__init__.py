"""Facts read from audio and image files, and the media a build publishes from them.

Audio facts (:mod:`.audio`), image facts (:mod:`.images`), the tags written into published audio
(:mod:`.tagging`), thumbnails, the cache that keeps all of these between builds, the quality
report and loudness, and ``check --remote``.
"""
