"""Read article files (.txt, .md, .html, .pdf), clean their text and extract metadata."""

from __future__ import annotations

import contextlib
import hashlib
import html as html_lib
import io
import logging
import re
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .cleaning import BULLET, clean_text
from .errors import BadInputError, MissingDependencyError
from .language import detect_language

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
CLEANER_VERSION = "2"  # bump when cleaning changes, so unchanged files are re-embedded


@dataclass(frozen=True)
class Document:
    """A cleaned article; sentence offsets point into ``text``."""

    id: str
    title: str
    text: str
    date: str | None  # ISO 8601 (YYYY-MM-DD) when the article states one
    author: str | None
    language: str
    source: str
    content_hash: str


# ---------------------------------------------------------------- decoding


def decode_bytes(raw: bytes, name: str) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, then cp1252/latin-9.

    Raises:
        BadInputError: the bytes are empty or look binary.
    """
    if not raw.strip():
        raise BadInputError(f"{name}: the file is empty")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if raw.startswith(b"%PDF-"):
        raise BadInputError(f"{name}: this is a PDF file; give it a .pdf extension")
    if b"\x00" in raw[:65536]:
        raise BadInputError(f"{name}: looks like a binary file, not text")
    for encoding in ("utf-8-sig", "cp1252", "iso-8859-15"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if encoding == "cp1252" and "¤" in text and b"\x80" not in raw:
        text = raw.decode("iso-8859-15")  # byte A4 is the euro sign in latin-9, "¤" in cp1252
    controls = sum(1 for ch in text[:65536] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:65536]) // 100):
        raise BadInputError(f"{name}: looks like a binary file, not text")
    return text


# ---------------------------------------------------------------- metadata

_MONTHS = {
    "januar": 1,
    "jänner": 1,
    "january": 1,
    "janvier": 1,
    "enero": 1,
    "februar": 2,
    "february": 2,
    "février": 2,
    "febrero": 2,
    "märz": 3,
    "maerz": 3,
    "march": 3,
    "mars": 3,
    "marzo": 3,
    "april": 4,
    "avril": 4,
    "abril": 4,
    "mai": 5,
    "may": 5,
    "mayo": 5,
    "juni": 6,
    "june": 6,
    "juin": 6,
    "junio": 6,
    "juli": 7,
    "july": 7,
    "juillet": 7,
    "julio": 7,
    "august": 8,
    "août": 8,
    "agosto": 8,
    "september": 9,
    "septembre": 9,
    "septiembre": 9,
    "oktober": 10,
    "october": 10,
    "octobre": 10,
    "octubre": 10,
    "november": 11,
    "novembre": 11,
    "noviembre": 11,
    "dezember": 12,
    "december": 12,
    "décembre": 12,
    "diciembre": 12,
    "gennaio": 1,
    "febbraio": 2,
    "aprile": 4,
    "maggio": 5,
    "giugno": 6,
    "luglio": 7,
    "settembre": 9,
    "ottobre": 10,
    "dicembre": 12,
    "janeiro": 1,
    "fevereiro": 2,
    "março": 3,
    "maio": 5,
    "junho": 6,
    "julho": 7,
    "setembro": 9,
    "outubro": 10,
    "novembro": 11,
    "dezembro": 12,
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "mei": 5,
    "augustus": 8,
}
MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b"), ("d", "m", "y")),
    (re.compile(rf"\b(\d{{1,2}})\.?\s+({MONTH_NAMES}),?\s+(\d{{4}})\b", re.IGNORECASE), ("d", "M", "y")),
    (re.compile(rf"\b({MONTH_NAMES})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE), ("M", "d", "y")),
]
_NAME = (
    r"[A-ZÄÖÜ][\w'’-]+(?:\s+(?:van|von|de|der|den|da|di|du|la|le|bin|al)){0,2}(?:\s+[A-ZÄÖÜ][\w'’.-]+){1,3}"
)
_AUTHOR_LINES = [
    re.compile(rf"^(?:[-*•]\s*)?(?:Von|By|Par|Por|Autor(?:in)?:|Author:)\s+({_NAME})\s*$"),
    re.compile(rf"^[-*•]\s*({_NAME})\s*$"),
]
_HEADER_LINES = 10


def find_date(text: str) -> str | None:
    """The first full date (day, month, year) in text, as YYYY-MM-DD; None if none is valid."""
    found = _full_dates(text)
    return min(found)[1] if found else None


def _full_dates(text: str) -> list[tuple[int, str]]:
    """Every valid full date in ``text`` as (offset, YYYY-MM-DD)."""
    found: list[tuple[int, str]] = []
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups()))
            try:
                month = int(parts["m"]) if "m" in parts else _MONTHS[parts["M"].lower()]
                found.append((match.start(), date(int(parts["y"]), month, int(parts["d"])).isoformat()))
            except (ValueError, KeyError):
                continue
    return found


def _header(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()][:_HEADER_LINES]


def find_author(text: str) -> str | None:
    """An author named on a byline in the article's first lines ("Von …", "By …", "- Name Name")."""
    for line in _header(text):
        for pattern in _AUTHOR_LINES:
            if match := pattern.match(line):
                return match.group(1)
    return None


def find_title(text: str, fallback: str) -> str:
    """The first header line that is not a date, a byline or a one-word section label."""
    for line in _header(text):
        if find_date(line) and len(line) < 40:
            continue
        line = BULLET.sub("", line)
        if any(p.match(line) for p in _AUTHOR_LINES) or len(line.split()) < 2:
            continue
        if len(line) > 160:  # a lede, not a headline: keep its opening words
            return line[:120].rsplit(" ", 1)[0] + " …"
        return line
    return fallback


# ---------------------------------------------------------------- readers


def _read_html(raw: bytes, name: str) -> tuple[str, dict[str, str | None]]:
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise MissingDependencyError("HTML needs trafilatura: pip install trafilatura") from exc
    html = decode_bytes(raw, name)
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text or not text.strip():
        raise BadInputError(f"{name}: no article text found in this HTML page")
    meta = trafilatura.extract_metadata(html)
    info = {"title": None, "date": None, "author": None}
    if meta is not None:
        info = {"title": meta.title, "date": _stated(meta.date, html), "author": meta.author}
    if info["title"] and not text.lstrip().startswith(info["title"]):
        text = f"{info['title']}\n\n{text}"
    return text, info


def _stated(found: str | None, html: str) -> str | None:
    """trafilatura's date, if the page states that full date (in its text, a meta tag, a time
    element or a /2024/10/05/ address): for a page that says only „Oktober 2024“ it returns
    2024-01-01, and for a meta tag of "2024-10" the day it runs, invented days both."""
    day = _iso(found)
    if day is None:
        return None
    page = html_lib.unescape(html)  # "5.&nbsp;Oktober 2024"
    year, month, dom = (int(part) for part in day.split("-"))
    if day in page or re.search(rf"/{year}/0?{month}/0?{dom}(?!\d)", page):
        return day
    return day if any(stated == day for _, stated in _full_dates(page)) else None


@contextlib.contextmanager
def _pypdf_quiet() -> Iterator[None]:
    """pypdf logs what it repairs ("EOF marker not found") to stderr, next to the one clear
    message a broken PDF gets; its log and warnings are kept back while a file is read."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


# what pypdf raises on a malformed file besides its own errors; 3,000 randomly damaged PDFs let
# pypdf.errors.LimitReachedError (a reference loop) through when only PdfReadError was caught
_BROKEN_PDF = (
    ValueError,
    KeyError,
    TypeError,
    OSError,
    IndexError,
    AttributeError,
    RecursionError,
    AssertionError,
)


def _read_pdf(raw: bytes, name: str) -> tuple[str, dict[str, str | None]]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError, PyPdfError
    except ImportError as exc:  # pragma: no cover
        raise MissingDependencyError("PDF needs pypdf: pip install pypdf") from exc
    try:
        with _pypdf_quiet():
            reader = PdfReader(io.BytesIO(raw))
            if reader.is_encrypted:
                raise BadInputError(f"{name}: the PDF is encrypted")
            pages = [page.extract_text() or "" for page in reader.pages]
            meta = reader.metadata or {}
    except (*_BROKEN_PDF, PyPdfError, DependencyError) as exc:
        raise BadInputError(f"{name}: not a readable PDF ({exc})") from None
    text = "\n\n\n".join(pages)  # a page break reads as a wide gap for reflow()
    if not text.strip():
        raise BadInputError(f"{name}: the PDF has no extractable text (scanned images need OCR)")
    return text, {"title": meta.get("/Title"), "date": None, "author": meta.get("/Author")}


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_document(path: Path, doc_id: str | None = None, max_bytes: int = 20_000_000) -> Document:
    """Read and clean one file.

    Raises:
        BadInputError: missing, unsupported, empty, binary, too large or unreadable file.
    """
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise BadInputError(
            f"{name}: unsupported file type {suffix or '(none)'}; use {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BadInputError(f"{name}: {size:,} bytes is larger than the limit of {max_bytes:,}")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BadInputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise BadInputError(f"{name}: is a folder") from None
    except OSError as exc:
        raise BadInputError(f"{name}: cannot read ({exc.strerror})") from None
    info: dict[str, str | None] = {"title": None, "date": None, "author": None}
    if suffix in (".html", ".htm"):
        text, info = _read_html(raw, name)
        cleaned = clean_text(text, markdown=False)
    elif suffix == ".pdf":
        text, info = _read_pdf(raw, name)
        cleaned = clean_text(text, hard_wrapped=True, markdown=False)
    else:
        cleaned = clean_text(decode_bytes(raw, name))
    if len(cleaned) < 2 or not re.search(r"\w", cleaned):
        raise BadInputError(f"{name}: no text left after cleaning")
    doc_id = doc_id or path.stem
    return Document(
        id=doc_id,
        title=find_title(cleaned, fallback=info["title"] or doc_id),
        text=cleaned,
        date=find_date("\n".join(_header(cleaned))) or _iso(info["date"]),
        author=find_author(cleaned) or info["author"] or None,
        language=detect_language(cleaned[:5000], default="de"),
        source=str(path.resolve()),
        content_hash=content_hash(cleaned),
    )


def _iso(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        return value[:10]
    return None


# files that describe a folder rather than report news: skipped when a folder is read (ingesting
# the gnad-dev folder indexed its README.md as an article); named on their own, they are read.
# The bare name in any case (readme.txt, License.md), or the capitalised name with one more part
# (README.de.md, LICENSE-MIT): an article saved as "license-fees-rise.txt" is still an article.
_FOLDER_NOTE = r"readme|licen[cs]e|copying|changelog|contributing|authors|notice"
_NOT_ARTICLES = re.compile(rf"(?i:{_FOLDER_NOTE})|(?:{_FOLDER_NOTE.upper()})[._-][\w.-]+")


def is_folder_note(path: Path) -> bool:
    """Whether a file's name says it describes its folder (README, LICENSE, CHANGELOG …)."""
    return _NOT_ARTICLES.fullmatch(path.stem) is not None


def discover(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Expand files and folders into supported files; report paths that cannot be used."""
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if not path.exists():
            problems.append(f"{path}: no such file or folder")
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            supported = [p for p in found if p.suffix.lower() in SUPPORTED_SUFFIXES]
            problems += [f"{p}: skipped, unsupported file type" for p in found if p not in supported]
            notes = [p for p in supported if is_folder_note(p)]
            problems += [f"{p}: skipped, looks like a README/licence, not an article" for p in notes]
            supported = [p for p in supported if p not in notes]
            if not supported:
                problems.append(f"{path}: no {', '.join(SUPPORTED_SUFFIXES)} files in this folder")
            files += supported
        else:
            files.append(path)
    return files, problems
