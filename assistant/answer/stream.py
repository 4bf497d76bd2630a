"""The model's reply, read while it streams and parsed at the end; one repair attempt."""

from __future__ import annotations

import re

from ..llm import GenerationError, Generator, json_object, prompt


class AnswerField:
    """Pulls the decoded "answer" string out of JSON while it streams, character by character."""

    def __init__(self) -> None:
        self.raw = ""
        self.pos: int | None = None  # where the answer string's content starts in raw
        self.done = False
        self.insufficient: bool | None = None

    def feed(self, piece: str) -> str:
        self.raw += piece
        if self.insufficient is None:
            flag = re.search(r'"insufficient_evidence"\s*:\s*(true|false)', self.raw)
            if flag:
                self.insufficient = flag.group(1) == "true"
        if self.done:
            return ""
        if self.pos is None:
            start = re.search(r'"answer"\s*:\s*"', self.raw)
            if not start:
                return ""
            self.pos = start.end()
        out = []
        i = self.pos
        while i < len(self.raw):
            ch = self.raw[i]
            if ch == '"':
                self.done = True
                i += 1
                break
            if ch == "\\":
                if i + 1 >= len(self.raw):
                    break
                code = self.raw[i + 1]
                if code == "u":
                    if i + 6 > len(self.raw):
                        break
                    out.append(chr(int(self.raw[i + 2 : i + 6], 16)))
                    i += 6
                    continue
                out.append({"n": "\n", "t": "\t", "r": "", "b": "", "f": ""}.get(code, code))
                i += 2
                continue
            out.append(ch)
            i += 1
        self.pos = i
        return "".join(out)


# a sentence label the model wrote into its answer: „S2: Hunt hatte …“, "… in June (S1, S3)."
_LEADING_LABEL = re.compile(r"^\s*[\[(]?S\d+[\])]?\s*[:：]\s*")
_INLINE_LABELS = re.compile(r"\s*[\[(]S\d+(?:\s*[,;]\s*S\d+)*[\])]")


def without_labels(text: str) -> str:
    """The answer without the sentence labels (S1, S2 …) of the prompt: they mean nothing to a
    reader, and the cited sentences are shown as evidence cards."""
    return _INLINE_LABELS.sub("", _LEADING_LABEL.sub("", text)).strip()


def parse_reply(raw: str, ids: list[str]) -> tuple[bool, str, list[str], int]:
    """The flag, the answer text (without sentence labels), the known cited ids (in order, once
    each) and how many were unknown."""
    data = json_object(raw)
    try:
        flag, text, cited = bool(data["insufficient_evidence"]), str(data["answer"]), data["sentence_ids"]
    except KeyError as exc:
        raise GenerationError(f"The model's reply is not the expected JSON (no {exc}).") from None
    cited = cited if isinstance(cited, list) else []
    known = []
    for sid in cited:
        if sid in ids and sid not in known:
            known.append(sid)  # unknown ids are dropped
    return flag, without_labels(text), known, sum(1 for sid in cited if sid not in ids)


def repair(
    generator: Generator,
    messages,
    raw: str,
    first_cited: list[str],
    schema: dict,
    ids: list[str],
    missing: list[str],
    usage: dict,
    max_tokens: int,
) -> tuple[bool, str, list[str], dict]:
    """Re-ask once, pointing at the numbers that no cited sentence gives."""
    retry = [
        *messages,
        {"role": "assistant", "content": raw},
        {"role": "user", "content": prompt("answer.repair.txt").format(numbers=", ".join(missing))},
    ]
    reply = generator.generate(retry, schema=schema, stream=False, max_tokens=max_tokens)
    total = {k: usage[k] + generator.last_usage.get(k, 0) for k in usage}
    flag, text, cited, _ = parse_reply(str(reply), ids)
    # without new citations, keep what the first reply cited, for the evidence-only fallback
    return flag, text, cited or first_cited, total
