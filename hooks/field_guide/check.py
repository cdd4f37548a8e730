"""Check every data file without building the site: `python -m field_guide.check` with `hooks` on the path.

Prints one line per problem, errors and warnings alike, then a count. Exits
with 1 when there is an error, or a warning under --strict, and 0 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from field_guide.problems import summary
from field_guide.site_data import check_site_data
from field_guide.yaml_source import MAX_FILE_BYTES


def main(argv: list[str] | None = None) -> int:
    """Check the data files of the project named on the command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m field_guide.check", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder that contains data/ (default: the current folder)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too, as `mkdocs build --strict` does")
    parser.add_argument(
        "--max-bytes", type=int, default=MAX_FILE_BYTES, help=f"size limit of one data file, in bytes (default: {MAX_FILE_BYTES})"
    )
    arguments = parser.parse_args(argv)

    data, problems = check_site_data(arguments.root.resolve(), arguments.max_bytes)
    for problem in problems:
        prefix = "warning: " if problem.severity == "warning" else ""
        print(f"{prefix}{problem}", file=sys.stderr)

    errors = sum(problem.severity == "error" for problem in problems)
    warnings = len(problems) - errors
    if data is not None and not problems:
        print(
            f"data files OK: {len(data.models)} models, {len(data.conferences)} conferences, {len(data.references)} references",
            file=sys.stderr,
        )
        return 0
    failed = errors > 0 or (arguments.strict and warnings > 0)
    print(summary(errors, warnings, strict=arguments.strict), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
