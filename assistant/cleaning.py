"""Article text cleaned for reading: Markdown syntax removed, repeated lines dropped, and text
hard-wrapped at a fixed width (PDF extraction, e-mail) joined back into paragraphs. Bump
``corpus.CLEANER_VERSION`` when what comes out changes."""

from __future__ import annotations

import re
import unicodedata

from .words import LINE_CONTINUES

_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_EMPH = re.compile(r"(?<![\w*])(\*\*|\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_TERMINAL = tuple(".!?:;\"“”»«'’)")
BULLET = re.compile(r"^\s*[-*•]\s+")


def strip_markdown(text: str) -> str:
    """Remove link, image, emphasis and heading syntax, keeping the visible words."""
    text = _MD_IMAGE.sub(lambda m: m.group(1), text)
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    text = _MD_EMPH.sub(lambda m: m.group(2), text)
    return _MD_HEADING.sub("", text)


def _ends_open(line: str) -> bool:
    """True when a line cannot end a paragraph: no closing punctuation."""
    return not line.rstrip().endswith(_TERMINAL)


def _continues(prev: str, nxt: str) -> bool:
    """True when ``nxt`` evidently continues the sentence that ``prev`` leaves open."""
    if not _ends_open(prev) or BULLET.match(nxt):
        return False
    last = prev.rstrip().rsplit(None, 1)[-1].lower() if prev.strip() else ""
    return nxt[:1].islower() or prev.rstrip().endswith((",", "-")) or last in LINE_CONTINUES


def is_hard_wrapped(text: str) -> bool:
    """Detect text broken at a fixed width (PDF extraction, e-mail): many lines continue mid-sentence."""
    lines = [ln.strip() for ln in text.split("\n")]
    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if a and b]
    if len(pairs) < 3:
        return False
    wrapped = sum(_continues(a, b) for a, b in pairs)
    long_lines = sum(len(ln) > 160 for ln in lines if ln)
    return wrapped >= 2 and wrapped >= 0.25 * len(pairs) and long_lines <= 0.1 * len(pairs)


def _join(prev: str, nxt: str) -> str:
    """Join two pieces of one sentence, undoing a line-break hyphenation where it was one."""
    if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha():
        if nxt[:1].islower():
            return prev[:-1] + nxt  # "Unterstüt-" + "zung"
        return prev + nxt  # a real hyphen: "Non-" + "Profit", "UN-" + "Sicherheitsrat"
    return f"{prev} {nxt}"


def reflow(text: str) -> str:
    """Join hard-wrapped lines into paragraphs.

    Lines of one block are joined. A gap between blocks is kept as a paragraph break unless the
    sentence evidently goes on: the block ends without closing punctuation and either the gap is a
    page break (two or more blank lines after a full-width line; a short line there is a heading),
    or the block ends on a comma, hyphen or function word, or the next block starts in lower case.
    """
    blocks: list[tuple[int, list[str]]] = []  # (blank lines before, lines)
    widths = sorted(len(ln.strip()) for ln in text.split("\n") if ln.strip())
    full_width = 0.7 * widths[int(0.9 * (len(widths) - 1))] if widths else 0
    gap = 0
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            gap += 1
            continue
        if blocks and gap == 0:
            blocks[-1][1].append(line)
        else:
            blocks.append((gap, [line]))
        gap = 0
    paragraphs: list[str] = []
    last_line = ""
    for gap, lines in blocks:
        para = lines[0]
        for line in lines[1:]:
            para = para + "\n" + line if BULLET.match(line) else _join(para, line)
        page_break = gap >= 2 and len(last_line) >= full_width  # a full line, cut by the page end
        if (
            paragraphs
            and _ends_open(paragraphs[-1])
            and not BULLET.match(para)
            and (page_break or _continues(paragraphs[-1], para))
        ):
            paragraphs[-1] = _join(paragraphs[-1], para)
        else:
            paragraphs.append(para)
        last_line = lines[-1]
    return "\n\n".join(paragraphs)


def _drop_duplicate_lines(lines: list[str]) -> list[str]:
    """Drop a line repeated right after itself, and a title glued to a category ("TechnikNordkorea…")."""
    out: list[str] = []
    last = ""
    for line in lines:
        stripped = line.strip()
        if stripped and last:
            if stripped == last:
                continue
            if len(stripped) >= 20 and last.endswith(stripped) and out:
                idx = max(i for i, ln in enumerate(out) if ln.strip())
                out[idx] = line  # keep the clean copy, drop the glued one
                last = stripped
                continue
        out.append(line)
        if stripped:
            last = stripped
    return out


def clean_text(text: str, hard_wrapped: bool | None = None, markdown: bool = True) -> str:
    """Normalise an article's text; offsets of sentences later point into the result."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00ad", "").replace("\ufeff", "").replace("\t", " ")
    if markdown:
        text = strip_markdown(text)
    lines = [ln.rstrip() for ln in text.split("\n")]
    text = "\n".join(_drop_duplicate_lines(lines))
    if hard_wrapped if hard_wrapped is not None else is_hard_wrapped(text):
        text = reflow(text)
    text = "\n".join(re.sub(r" {2,}", " ", ln.strip()) for ln in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
