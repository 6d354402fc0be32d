#!/usr/bin/env python3
"""Copy the demo project and its schemas into the build folder.

Usage: stage-demo.py STAMP DEMO_DIR SCHEMAS_DIR DEST
"""
import os
import shutil
import sys

stamp, demo, schemas, dest = sys.argv[1:5]

if os.path.isdir(dest):
    shutil.rmtree(dest)
shutil.copytree(demo, dest, ignore=shutil.ignore_patterns('outputs', '__pycache__', '*.pyc'))
os.makedirs(os.path.join(dest, 'schemas'), exist_ok=True)
for name in sorted(os.listdir(schemas)):
    if name.endswith(('.yaml', '.yml')):
        shutil.copy2(os.path.join(schemas, name), os.path.join(dest, 'schemas', name))

with open(stamp, 'w') as f:
    f.write(dest + '\n')
