"""What a successful build publishes beside the site, once the site is in place: the audio for
the media host (``media_dir``) and the ledger (published.yml). Whatever engine built the site."""

from __future__ import annotations

from reset_stories.content.ledger import write_ledger
from reset_stories.media.cache import place
from reset_stories.publish.release import Release


def publish_beside_site(release: Release) -> bool:
    """Place the uploads and write the ledger; True if the ledger changed."""
    assert release.catalog is not None and release.plan is not None  # a release with problems never builds
    site = release.catalog.site
    if site.media_dir is not None:
        for upload in release.plan.uploads:
            place(upload.source, site.media_dir / upload.dest_uri)
    return release.ledger is not None and write_ledger(site.root, release.ledger)
