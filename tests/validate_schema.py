#!/usr/bin/env python3
"""Validates every golden JSON report against the contract's JSON Schema (report.schema.json).
usage: validate_schema.py SCHEMA GOLDEN_DIR"""
import json, pathlib, sys

import jsonschema


def main():
    schema = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
    # The contract's relative "$id" (podmortem/v1) confuses Debian 12's jsonschema 4.10 when it resolves
    # "#/$defs/..." references; the references are all local, so validate without it.
    schema.pop("$id", None)
    files = sorted(pathlib.Path(sys.argv[2]).glob("*.json"))
    if not files:
        print(f"no golden JSON reports in {sys.argv[2]}")
        return 1
    validator = jsonschema.Draft202012Validator(schema)
    failed = 0
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        for e in errors[:5]:
            print(f"{path.name}: {'/'.join(map(str, e.path))}: {e.message[:200]}")
        failed += bool(errors)
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
