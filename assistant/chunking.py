"""German-aware sentence splitting with character offsets, and sentence-window chunks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .corpus import MONTH_NAMES


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``doc.text[start:end] == text``; the unit of evidence."""

    doc_id: str
    idx: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Chunk:
    """A window of consecutive sentences ``first..last`` (inclusive); the unit of retrieval."""

    doc_id: str
    idx: int
    first: int
    last: int
    start: int
    end: int
    text: str


# Abbreviations after which a period does not end a sentence (lower-cased, without the period).
ABBREVIATIONS = frozenset(
    "z b d h u a o ä s v vgl bzw ca etc usw nr dr prof str mio mrd jh jhd abs ggf inkl evtl sog "
    "ggü bspw hr fr st mr mrs ms vs e g i no art bd kap tel co inc ltd corp jr sr gen col lt "
    "sgt maj capt gov sen rep dipl ing mag univ bearb hrsg verf zit vs bzgl max min mind rd ff "
    "sek tsd ev mme mlle av sr sra dña núm pág".split()
)
_ORDINAL_BEFORE = frozenset(
    "der die das den dem des am im vom zum zur beim ab bis seit vor nach ihr ihre ihrem sein "
    "seine seinem jedes jeder jede le la les el los las the".split()
)
_MONTH_AFTER = re.compile(rf"\s*(?:{MONTH_NAMES})\b", re.IGNORECASE)
_CANDIDATE = re.compile(r"[.!?…]+[\"'“”»«’)\]]*(?=\s)")
_BULLET = re.compile(r"[-*•]\s+")
_WORD_BEFORE = re.compile(r"([\w]+)$")


def _is_boundary(text: str, end: int) -> bool:
    """Decide whether the punctuation run ending at ``end`` closes a sentence."""
    punct_start = end
    while punct_start > 0 and text[punct_start - 1] in ".!?…\"'“”»«’)]":
        punct_start -= 1
    rest = text[end:].lstrip(" \u00a0\u202f")
    if not rest:
        return True
    nxt = rest[0]
    if nxt.islower() or nxt in ",;:":
        return False  # "z. B. der", "u. a. in", "… und"
    if "." not in text[punct_start:end] or text[punct_start] in "!?…":
        return True
    word = _WORD_BEFORE.search(text[:punct_start])
    if word is None:
        return True
    token = word.group(1)
    if token.lower() in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
        return False  # "Nr. 5", "Dr. Kim", initials "J. Smith"
    if token.isdigit() and len(token) <= 2:
        if _MONTH_AFTER.match(text[end:]):
            return False  # "16. November"
        before = _WORD_BEFORE.search(text[: word.start()].rstrip())
        if before is not None and before.group(1).lower() in _ORDINAL_BEFORE:
            return False  # "das 3. Kapitel", "am 3. Tag"
    return True


def split_sentences(text: str, doc_id: str = "") -> list[Sentence]:
    """Split cleaned text into sentences with exact offsets.

    Line breaks always end a sentence (cleaning has joined wrapped lines already); list bullets
    and surrounding whitespace are left out of the sentence span.
    """
    sentences: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        body = line.lstrip()
        offset = line_start + len(line) - len(body)
        if bullet := _BULLET.match(body):
            offset += bullet.end()
            body = body[bullet.end() :]
        start = 0
        for match in _CANDIDATE.finditer(body):
            if _is_boundary(body, match.end()):
                _emit(sentences, doc_id, text, offset + start, offset + match.end())
                start = match.end()
        _emit(sentences, doc_id, text, offset + start, offset + len(body))
    return sentences


def _emit(out: list[Sentence], doc_id: str, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and any(ch.isalnum() for ch in text[start:end]):
        out.append(Sentence(doc_id, len(out), start, end, text[start:end]))


def make_chunks(
    text: str, sentences: list[Sentence], size: int = 4, overlap: int = 1, max_chars: int = 1200
) -> list[Chunk]:
    """Group sentences into windows of ``size`` (sharing ``overlap``), cut early at ``max_chars``."""
    if not sentences:
        return []
    step = max(1, size - overlap)
    chunks: list[Chunk] = []
    first = 0
    while True:
        last = first
        while (
            last + 1 < len(sentences)
            and last + 1 - first < size
            and sentences[last + 1].end - sentences[first].start <= max_chars
        ):
            last += 1
        start, end = sentences[first].start, sentences[last].end
        chunks.append(Chunk(sentences[0].doc_id, len(chunks), first, last, start, end, text[start:end]))
        if last == len(sentences) - 1:
            return chunks
        first = max(first + 1, min(first + step, last + 1 - overlap))
