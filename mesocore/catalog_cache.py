"""A cache of the validated catalog on disk, so a process need not parse and validate the content.

Why: parsing the fourteen TOML files and validating them into the catalog's models costs a fresh
process (``python -m mesocore screen``, each Streamlit start) more than the whole screening; a
pickle of the catalog built by `load_catalog` loads in about a millisecond.

Never stale: the cache file starts with a key, the SHA-256 of the name and bytes of every file
`load_catalog` reads (``content_files``, including the ``MESOCONSULT_CLINIC`` override), the
source of the modules that define and check the catalog's models, and the Python, pydantic and
pydantic-core versions. Each load recomputes the key from the files as they are now; any
difference (a clinician edited contraindications.toml) is a miss, and the content is read and
validated again, so a bad edit fails exactly as without a cache.

Never in the way: a missing, corrupt (the body's own SHA-256 is checked), foreign-owned or
group/world-writable cache file is ignored, and an unwritable cache directory only means no
cache; the file is written to a temporary name and moved in place (``os.replace``), so a reader
never sees half a file. Pickle runs code when loaded, hence the ownership check: only a file
this user wrote (in a directory created 0700) is trusted.

It holds content only (the catalog has no patient data). The directory is
``MESOCONSULT_CACHE_DIR``, else ``$XDG_CACHE_HOME/mesoconsult``, else ``~/.cache/mesoconsult``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

import pydantic
import pydantic_core

from mesocore.catalog import CONTENT_DIR, Catalog, content_files, load_catalog

CACHE_DIR_ENV = "MESOCONSULT_CACHE_DIR"
FILE_NAME = "catalog.pickle"
FORMAT = b"mesoconsult-catalog-cache 1"
_PACKAGE = Path(__file__).resolve().parent
CODE_FILES = (_PACKAGE / "catalog.py", _PACKAGE / "models.py", _PACKAGE / "catalog_cache.py")
"""Modules whose code decides what a valid catalog is: catalog.py defines the models and checks,
models.py the medical-history questions a rule may name, this module the file format."""
_DIGEST = 64  # hex characters of a SHA-256


def cache_dir() -> Path | None:
    """Where the cache lives, or None when there is no home to put it in."""
    configured = os.environ.get(CACHE_DIR_ENV, "").strip()
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg:
        return Path(xdg) / "mesoconsult"
    try:
        return Path.home() / ".cache" / "mesoconsult"
    except RuntimeError:  # no HOME and no password-database entry
        return None


def cache_key(root: Path = CONTENT_DIR) -> bytes:
    """The hex SHA-256 of everything the validated catalog depends on (OSError if a content
    file cannot be read: then there is nothing to look up, and `load_catalog` reports it)."""
    digest = hashlib.sha256(FORMAT)
    versions = (sys.version, pydantic.VERSION, pydantic_core.__version__)
    parts = [(name, value.encode()) for name, value in zip("abc", versions, strict=True)]
    parts += [(str(path), path.read_bytes()) for path in (*CODE_FILES, *content_files(root))]
    for name, data in parts:
        for field in (name.encode(), data):  # length-prefixed: no two inputs hash alike
            digest.update(len(field).to_bytes(8, "big"))
            digest.update(field)
    return digest.hexdigest().encode()


def _trusted(handle) -> bool:
    """Written by this user and writable by no one else (pickle must not load others' code)."""
    info = os.fstat(handle.fileno())
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not info.st_mode & 0o022


def read_cached(path: Path, key: bytes) -> Catalog | None:
    """The catalog stored under `key` at `path`, or None for a miss of any kind."""
    try:
        with path.open("rb") as handle:
            if not _trusted(handle):
                return None
            data = handle.read()
    except OSError:
        return None
    header, _newline, body = data.partition(b"\n")
    if header[:_DIGEST] != key or header[_DIGEST:] != hashlib.sha256(body).hexdigest().encode():
        return None
    try:
        catalog = pickle.loads(body)
    except Exception:  # a damaged body that still hashes alike: any unpickling error is a miss
        return None
    return catalog if isinstance(catalog, Catalog) else None


def write_cached(path: Path, key: bytes, catalog: Catalog) -> bool:
    """Store `catalog` under `key`, atomically; False (and no file left behind) on failure."""
    import tempfile

    body = pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL)
    header = key + hashlib.sha256(body).hexdigest().encode() + b"\n"
    temporary = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".catalog-", suffix=".tmp")
        with os.fdopen(handle, "wb") as file:  # mkstemp makes it 0600, owned by this user
            file.write(header + body)
        os.replace(temporary, path)
    except OSError:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        return False
    return True


def cached_catalog(root: Path = CONTENT_DIR, directory: Path | None = None) -> Catalog:
    """The catalog of the content under `root`: from the cache when it is current, otherwise
    from `load_catalog(root)` (whose CatalogError propagates), stored for the next process."""
    directory = directory or cache_dir()
    try:
        key = cache_key(root)
    except OSError:  # a content file is missing or unreadable: load_catalog says which
        return load_catalog(root)
    path = directory / FILE_NAME if directory else None
    catalog = read_cached(path, key) if path else None
    if catalog is None:
        catalog = load_catalog(root)
        # Stored only if no file changed while it was read: the key must describe this content.
        if path and _same_key(root, key):
            write_cached(path, key, catalog)
    return catalog


def _same_key(root: Path, key: bytes) -> bool:
    try:
        return cache_key(root) == key
    except OSError:
        return False
