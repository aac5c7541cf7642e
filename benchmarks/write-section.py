#!/usr/bin/env python3
"""Puts a benchmark's section into benchmarks/README.md: replaces the text between `<!-- NAME:begin -->` and
`<!-- NAME:end -->` with SECTION_FILE (which carries the markers), or appends it when the README has none yet.
Usage: write-section.py NAME SECTION_FILE"""
import os
import re
import sys

name, section_file = sys.argv[1], sys.argv[2]
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "README.md")
section = open(section_file).read().strip()
text = open(path).read()
pattern = re.compile(rf"<!-- {re.escape(name)}:begin -->.*?<!-- {re.escape(name)}:end -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
