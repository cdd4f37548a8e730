"""The address the site is published at, for absolute links in calendars and structured data."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit


@dataclass(frozen=True)
class SiteAddress:
    """Base URL of the published site, ending with a slash."""

    base_url: str

    @classmethod
    def from_site_url(cls, site_url: str | None) -> SiteAddress:
        """Return the address from mkdocs.yml's `site_url`; raise ValueError when it is missing or not absolute."""
        if not site_url:
            raise ValueError(
                "mkdocs.yml: site_url is missing; calendar UIDs and event structured data need the address "
                "the site is published at, so set site_url: https://..."
            )
        parts = urlsplit(site_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                f"mkdocs.yml: site_url {site_url!r} is not an absolute http or https URL; set site_url: https://..."
            )
        return cls(site_url if site_url.endswith("/") else site_url + "/")

    @property
    def host(self) -> str:
        """Host name of the site, such as "example.org"."""
        hostname = urlsplit(self.base_url).hostname
        assert hostname is not None, "from_site_url accepts only URLs with a host"
        return hostname

    def url(self, path: str) -> str:
        """Return the absolute URL of `path`, a path relative to the site root such as "events/"."""
        return urljoin(self.base_url, path)
