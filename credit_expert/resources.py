"""Files shipped with the package: Daria's texts (prompts/) and the SQL (sql/), both
inside credit_expert/.

Found through importlib.resources, so an installed package finds them as a
checkout does, whatever the working folder.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The path of a packaged data file or folder, e.g. resource_path("prompts", "script.toml")."""
    root = files("credit_expert")
    if not isinstance(root, Path):  # a zip import: not supported, the files must be real
        raise RuntimeError("credit_expert must be installed as files, not from a zip")
    return root.joinpath(*parts)
