#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora, fuzz/corpus/<target>/, from the samples, the grammars and the
test fixtures. Run from anywhere; rewrites the corpus folders (review the diff before committing).
usage: fuzz/make_corpus.py"""
import hashlib, os, random, re, shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus")
MAX = 64 * 1024  # libFuzzer works best on small seeds; bigger files are cut
READERS = 10     # forced-reader seeds for reader indices 0..READERS-1 (extra ones fall back to the splitter)


def files(*parts):
    top = os.path.join(ROOT, *parts)
    for root, dirs, names in os.walk(top):
        dirs.sort()
        for name in sorted(names):
            yield os.path.join(root, name)


def write(target, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    data = data[:MAX]
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def main():
    for target in ("readers", "decode", "unwrap", "grammar", "report"):
        shutil.rmtree(os.path.join(OUT, target), ignore_errors=True)
    samples = list(files("samples"))
    for path in samples:
        data = open(path, "rb").read()
        write("readers", b"\x80" + data)  # the splitter decides
        write("decode", data)
        # Each reader once on a sample it would not be given, so every reader starts with real text.
        k = int(hashlib.sha1(path.encode()).hexdigest(), 16) % READERS
        write("readers", bytes([k]) + data)
        for line in data.decode("utf-8", "replace").splitlines():
            if re.search(r"OCI runtime|failed to (create|start)|rpc error|exec format|caused", line):
                write("unwrap", line.strip().encode())
    for path in files("grammars"):
        if path.endswith(".rules"):
            text = open(path, "rb").read()
            write("grammar", text)
            for m in re.finditer(rb"^\s*example\s*=\s*(.+)$", text, re.M):
                write("unwrap", m.group(1))
    for path in files("tests", "data", "bad_grammars"):
        if path.endswith(".rules"):
            write("grammar", open(path, "rb").read())
    # Decoding edge cases: a lone BOM, UTF-16 of odd length, UTF-32, NULs, invalid bytes, CR line ends.
    for data in (b"\xef\xbb\xbf", b"\xff\xfeN\x00a\x00m", b"\xfe\xff\x00N\x00", b"\xff\xfe\x00\x00N\x00\x00\x00",
                 b"Name:\x00\x00x\r\nStatus:\rRunning\n", b"\xc3\x28\xa0\xa1\xf0\x28\x8c\xbc\n",
                 "名称: 中文\n".encode("gb18030")):
        write("decode", data)
    # The report target reads choices and strings from its bytes: random seeds of a few sizes.
    rnd = random.Random(20261201)
    for size in (16, 64, 256, 1024, 4096, 4096, 16384):
        write("report", bytes(rnd.randrange(256) for _ in range(size)))
    for target in sorted(os.listdir(OUT)):
        print(f"{target}: {len(os.listdir(os.path.join(OUT, target)))} seeds")


if __name__ == "__main__":
    main()
