#!/usr/bin/env python3
"""The pipeline's include arrows run one way: a file may include headers of its own layer or of the
layers below it, never above. Layers, bottom first:
  base, grammar, input, evidence, oci, regions, readers, correlate, diagnose, report, pipeline, cli
usage: check_layers.py SOURCE_DIR   (exit 0 when every include points down; prints each one that does not)"""
import os, re, sys

LAYERS = ["base", "grammar", "input", "evidence", "oci", "regions", "readers", "correlate", "diagnose", "report",
          "pipeline", "cli"]


def main():
    src = os.path.join(sys.argv[1], "src")
    include = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/')
    bad, files = [], 0
    for root, _, names in os.walk(src):
        rel = os.path.relpath(root, src)
        layer = rel.split(os.sep)[0]
        if layer == ".":
            continue  # main.cpp sits on top of everything
        if layer not in LAYERS:
            bad.append(f"{rel}: folder is in no layer; add it to tests/check_layers.py in its place")
            continue
        for name in names:
            files += 1
            path = os.path.join(root, name)
            for number, line in enumerate(open(path, encoding="utf-8"), 1):
                m = include.match(line)
                if m and m.group(1) in LAYERS and LAYERS.index(m.group(1)) > LAYERS.index(layer):
                    bad.append(f"src/{os.path.relpath(path, src)}:{number}: {layer} includes {m.group(1)}, a later stage")
    for b in bad:
        print(b)
    print(f"{files} files checked, {len(bad)} include arrows against the pipeline")
    return 1 if bad or files == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
