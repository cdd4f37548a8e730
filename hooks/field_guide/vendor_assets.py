"""Locate the files of pinned npm packages that the built site serves itself, instead of loading them from a CDN."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

NODE_MODULES = "node_modules"
SITE_FOLDER = "assets/vendor"
INSTALL_HINT = "run `npm ci` in the project folder (`make site` and `make test` do it)"


class VendorAssetError(RuntimeError):
    """Raised when a package the site serves is not installed, or not at its pinned version."""


@dataclass(frozen=True)
class VendorFile:
    """One file of an npm package, published at `assets/vendor/<package>/<file name>`."""

    package: str
    path: str
    """Path inside the package folder, with forward slashes."""

    @property
    def site_path(self) -> str:
        return f"{SITE_FOLDER}/{self.package}/{PurePosixPath(self.path).name}"


# The sort script of the models table, and its MIT licence, which must accompany every copy.
VENDOR_FILES = (
    VendorFile("tablesort", "dist/tablesort.min.js"),
    VendorFile("tablesort", "LICENCE"),
)


def vendor_sources(root: Path, files: tuple[VendorFile, ...] = VENDOR_FILES) -> dict[str, Path]:
    """Return each vendor file's site path mapped to its installed file under `root`/node_modules.

    Raises VendorAssetError when package.json does not pin a package to one
    exact version, or when node_modules contains no copy of it or another version.
    """
    pins = _pinned_versions(root)
    sources: dict[str, Path] = {}
    for file in files:
        package_folder = root / NODE_MODULES / file.package
        pinned = pins.get(file.package)
        if pinned is None:
            raise VendorAssetError(f"package.json: {file.package} is not a dependency; add it with an exact version")
        installed = _installed_version(package_folder)
        if installed is None:
            raise VendorAssetError(f"{NODE_MODULES}/{file.package}: package not found; {INSTALL_HINT}")
        if installed != pinned:
            raise VendorAssetError(
                f"{NODE_MODULES}/{file.package}: version {installed} is installed but package.json pins {pinned}; {INSTALL_HINT}"
            )
        source = package_folder / file.path
        if not source.is_file():
            raise VendorAssetError(f"{NODE_MODULES}/{file.package}/{file.path}: file not found in version {installed}")
        sources[file.site_path] = source
    return sources


def _pinned_versions(root: Path) -> dict[str, str]:
    manifest = json.loads((root / "package.json").read_text(encoding="utf-8"))
    pins: dict[str, str] = manifest.get("dependencies", {})
    for package, version in pins.items():
        if not version[:1].isdigit():
            raise VendorAssetError(f"package.json: dependencies.{package} is {version!r}; pin one exact version, such as 5.7.1")
    return pins


def _installed_version(package_folder: Path) -> str | None:
    manifest = package_folder / "package.json"
    if not manifest.is_file():
        return None
    version: str = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    return version
