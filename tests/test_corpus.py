"""Reading and cleaning articles: the five samples, formats, encodings, dates, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS
from pdfmaker import make_pdf

from assistant.cleaning import clean_text, is_hard_wrapped, strip_markdown
from assistant.corpus import decode_bytes, discover, find_author, find_date, load_document
from assistant.errors import BadInputError

SAMPLES = sorted(CORPUS.glob("*.txt"))


def sample(prefix: str):
    return load_document(next(p for p in SAMPLES if p.name.startswith(prefix)))


def test_bundled_corpus_is_the_five_seed_articles():
    assert [p.stem for p in SAMPLES] == [
        "000_6f5a61955203e82d",
        "001_936834193f56c2af",
        "002_78a3db10bdd1f744",
        "003_80cbbb5fceeceba0",
        "004_304bf167e6ad5681",
    ]


@pytest.mark.parametrize(
    ("prefix", "title", "date", "author"),
    [
        (
            "000",
            "Nordkorea will mehr Waffen und Truppen nach Russland schicken",
            "2024-12-24",
            "Peter van Halteren",
        ),
        ("001", "Nordkorea liefert 14.000 Soldaten und 100 Raketen an Russland", None, None),
        (
            "002",
            "Die neueste Kooperation: Nordkorea unterstützt Russland im Ukraine-Konflikt",
            "2024-11-16",
            None,
        ),
        ("003", "Nordkorea liefert Russland Millionen Schuss Munition und Raketen", None, None),
        (
            "004",
            "Kim Jong Un ruft Nordkorea zur Kriegsvorbereitung auf – Unterstützung für Russland "
            "im Ukraine-Konflikt",
            None,
            None,
        ),
    ],
)
def test_sample_metadata(prefix, title, date, author):
    doc = sample(prefix)
    assert (doc.title, doc.date, doc.author, doc.language) == (title, date, author, "de")
    assert doc.id == next(p.stem for p in SAMPLES if p.name.startswith(prefix))
    assert len(doc.content_hash) == 64


def test_pdf_extracted_sample_is_reflowed():
    text = sample("001").text
    assert "Multilateral Sanctions Monitoring Team (MSMT) veröffentlicht" in text  # page break
    assert "Millionen von Munitionslieferungen an Russland" in text  # gap after "von"
    assert "Non-Profit-Organisation" in text  # real hyphen kept at a line break
    assert "mehrere UN-Sicherheitsrat-Resolutionen untersagt" in text
    assert "\n\nUmfang der militärischen Unterstützung\n\n" in text  # heading stays apart
    assert "\n\nEingeständnis von Putins Beteiligung\n\n" in text  # heading before a page break
    assert "Vereinigten Staaten – Nordkorea auf" in text  # dash at line start is not a bullet
    paragraphs = text.split("\n\n")
    assert all("\n" not in p for p in paragraphs)


def test_markdown_and_duplicate_titles_removed():
    assert "[24.12.2024](#)" not in sample("000").text
    assert "24.12.2024" in sample("000").text
    assert "*Wall Street Journal*" not in sample("000").text
    text002 = sample("002").text
    assert text002.count("Die neueste Kooperation: Nordkorea unterstützt Russland") == 1
    text003 = sample("003").text
    assert "TechnikNordkorea" not in text003
    assert text003.count("Nordkorea ist der größte Verbündete Russlands.") == 1


def test_unwrapped_text_keeps_its_lines():
    doc = sample("004")
    assert "\nMilitärhilfe für Russland: Soldaten und schwere Artillerie\n" in doc.text
    assert not is_hard_wrapped(doc.text)
    assert is_hard_wrapped((CORPUS / "001_936834193f56c2af.txt").read_text())


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Siehe [den Bericht](https://example.org/a_(b)) heute.", "Siehe den Bericht heute."),
        ("![Bild](x.png) Text", "Bild Text"),
        ("Das **Wall Street Journal** und *Reuters*", "Das Wall Street Journal und Reuters"),
        ("## Überschrift", "Überschrift"),
        ("5 * 3 * 2 bleibt", "5 * 3 * 2 bleibt"),
    ],
)
def test_strip_markdown(source, expected):
    assert strip_markdown(source) == expected


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("24.12.2024", "2024-12-24"),
        ("16. November, 2024", "2024-11-16"),
        ("Berlin, 3. März 2025 –", "2025-03-03"),
        ("December 24, 2024", "2024-12-24"),
        ("le 5 janvier 2025", "2025-01-05"),
        ("2024-02-29", "2024-02-29"),
        ("31.02.2024", None),
        ("seit Mitte 2023", None),
        ("bis März 2025", None),
    ],
)
def test_find_date(text, iso):
    assert find_date(text) == iso


@pytest.mark.parametrize(
    ("header", "author"),
    [
        ("Titel hier\n- Peter van Halteren\n- 24.12.2024", "Peter van Halteren"),
        ("Titel\nVon Anna Müller\nText", "Anna Müller"),
        ("Title\nBy John Smith", "John Smith"),
        ("Titel\n- 12 000 nordkoreanische Soldaten kämpfen", None),
    ],
)
def test_find_author(header, author):
    assert find_author(header) == author


def test_hyphenation_rules_in_reflow():
    text = (
        "Die Unterstüt-\nzung wurde von einer Non-\nProfit-Organisation und dem\n"
        "UN-Sicherheitsrat geprüft, wie es hieß.\n\nNeuer Absatz beginnt hier und\n"
        "endet hier."
    )
    assert clean_text(text, hard_wrapped=True) == (
        "Die Unterstützung wurde von einer Non-Profit-Organisation und dem UN-Sicherheitsrat "
        "geprüft, wie es hieß.\n\nNeuer Absatz beginnt hier und endet hier."
    )


# ---------------------------------------------------------------- formats


def test_markdown_file(tmp_path: Path):
    path = tmp_path / "bericht.md"
    path.write_text(
        "# Nordkorea schickt Truppen\n\nVon Anna Müller\n\nAm 3. März 2025 hieß es, "
        "[12.000 Soldaten](https://x.org) seien **unterwegs**.\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.id == "bericht"
    assert doc.title == "Nordkorea schickt Truppen"
    assert doc.author == "Anna Müller"
    assert doc.date == "2025-03-03"
    assert "12.000 Soldaten seien unterwegs." in doc.text


def test_html_file_extracts_main_text(tmp_path: Path):
    body = " ".join(["Nordkorea hat nach Angaben aus Seoul weitere Soldaten nach Russland geschickt."] * 6)
    html = (
        f"<html><head><title>Truppen für Russland</title></head><body><nav>Menü Startseite "
        f"Politik</nav><article><h1>Truppen für Russland</h1><p>{body}</p><p>Die Zahl liegt "
        f"bei 12.000.</p></article><footer>© Verlag</footer></body></html>"
    )
    path = tmp_path / "seite.html"
    path.write_text(html, encoding="utf-8")
    doc = load_document(path)
    assert "Die Zahl liegt bei 12.000." in doc.text
    assert "Menü Startseite" not in doc.text
    assert doc.title == "Truppen für Russland"


def test_pdf_file_is_reflowed_across_pages(tmp_path: Path):
    path = tmp_path / "bericht.pdf"
    path.write_bytes(
        make_pdf(
            [
                ["Der Bericht wurde am Donnerstag vom Multilateral Sanctions"],
                ["Monitoring Team veröffentlicht, einer Non-", "Profit-Organisation aus Großbritannien."],
            ]
        )
    )
    doc = load_document(path)
    assert doc.text == (
        "Der Bericht wurde am Donnerstag vom Multilateral Sanctions Monitoring "
        "Team veröffentlicht, einer Non-Profit-Organisation aus Großbritannien."
    )


# ---------------------------------------------------------------- encodings and bad input


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "iso-8859-15", "utf-16"])
def test_european_encodings(tmp_path: Path, encoding):
    text = "Größte Krise: „12 000 Soldaten“ für Pjöngjang, sagt Müller. Preis: 5 €."
    if encoding == "iso-8859-15":
        text = text.replace("„", '"').replace("“", '"')
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    assert load_document(path).text == text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leer.txt", b"", "empty"),
        ("leer2.txt", b"  \n\n ", "empty"),
        ("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("x.docx", b"PK\x03\x04", "unsupported file type"),
        ("kaputt.pdf", b"%PDF-1.4 this is not really a pdf", "not a readable PDF"),
        ("tarnung.txt", b"%PDF-1.4\n", "PDF"),
        ("nur.txt", b"--- *** ---", "no text"),
    ],
)
def test_bad_files_get_clear_messages(tmp_path: Path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BadInputError, match=message):
        load_document(path)


def test_missing_file_and_size_limit(tmp_path: Path):
    with pytest.raises(BadInputError, match="no such file"):
        load_document(tmp_path / "fehlt.txt")
    big = tmp_path / "gross.txt"
    big.write_text("Wort " * 1000)
    with pytest.raises(BadInputError, match="larger than the limit"):
        load_document(big, max_bytes=100)


def test_discover_reports_missing_and_unsupported(tmp_path: Path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("Text.")
    (tmp_path / "d" / "b.exe").write_bytes(b"MZ")
    files, problems = discover([tmp_path / "d", tmp_path / "nope"])
    assert [f.name for f in files] == ["a.txt"]
    assert any("b.exe" in p and "unsupported" in p for p in problems)
    assert any("nope" in p and "no such file" in p for p in problems)


def test_decode_prefers_utf8_then_cp1252():
    assert decode_bytes("Grüße".encode(), "x") == "Grüße"
    assert decode_bytes("Grüße – „ok“".encode("cp1252"), "x") == "Grüße – „ok“"


def test_long_first_line_is_not_a_whole_title(tmp_path: Path):
    lede = (
        "Nordkorea hat nach übereinstimmenden Berichten " + "weitere Truppen und Munition " * 8 + "geschickt."
    )
    path = tmp_path / "lede.txt"
    path.write_text(lede + "\n\nZweiter Absatz.")
    title = load_document(path).title
    assert title.endswith(" …") and len(title) <= 122 and lede.startswith(title[:-2])
