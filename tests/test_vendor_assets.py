"""Pinned npm packages that the site serves: found when installed, a clear error when not."""

import json
from pathlib import Path

import pytest

from field_guide.vendor_assets import VendorAssetError, VendorFile, vendor_sources

FILES = (VendorFile("sorter", "dist/sorter.min.js"),)


def make_project(root: Path, pinned: str = "1.2.3", installed: str | None = "1.2.3") -> Path:
    (root / "package.json").write_text(json.dumps({"dependencies": {"sorter": pinned}}), encoding="utf-8")
    if installed is not None:
        package = root / "node_modules" / "sorter"
        (package / "dist").mkdir(parents=True)
        (package / "package.json").write_text(json.dumps({"name": "sorter", "version": installed}), encoding="utf-8")
        (package / "dist" / "sorter.min.js").write_text("// sorter", encoding="utf-8")
    return root


def test_installed_package_found(tmp_path: Path) -> None:
    sources = vendor_sources(make_project(tmp_path), FILES)
    assert sources == {"assets/vendor/sorter/sorter.min.js": tmp_path / "node_modules" / "sorter" / "dist" / "sorter.min.js"}


def test_missing_package(tmp_path: Path) -> None:
    with pytest.raises(VendorAssetError, match=r"^node_modules/sorter: package not found; run `npm ci`"):
        vendor_sources(make_project(tmp_path, installed=None), FILES)


def test_other_version_installed(tmp_path: Path) -> None:
    with pytest.raises(VendorAssetError, match=r"version 1\.0\.0 is installed but package\.json pins 1\.2\.3; run `npm ci`"):
        vendor_sources(make_project(tmp_path, installed="1.0.0"), FILES)


def test_range_rejected(tmp_path: Path) -> None:
    with pytest.raises(VendorAssetError, match=r"dependencies\.sorter is '\^1\.2\.3'; pin one exact version"):
        vendor_sources(make_project(tmp_path, pinned="^1.2.3"), FILES)


def test_missing_file(tmp_path: Path) -> None:
    files = (VendorFile("sorter", "dist/other.js"),)
    with pytest.raises(VendorAssetError, match=r"^node_modules/sorter/dist/other\.js: file not found in version 1\.2\.3"):
        vendor_sources(make_project(tmp_path), files)


def test_project_pins_what_site_serves() -> None:
    root = Path(__file__).resolve().parents[1]
    lock = json.loads((root / "package-lock.json").read_text(encoding="utf-8"))
    manifest = json.loads((root / "package.json").read_text(encoding="utf-8"))
    for package, version in manifest["dependencies"].items():
        assert lock["packages"][f"node_modules/{package}"]["version"] == version
