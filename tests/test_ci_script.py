"""The CI script's own checks: the library check must not report an installed library as
missing (issue 19 item 15: `ldconfig -p | grep -q` under pipefail)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_library_check_finds_a_library_listed_first_in_a_long_listing(tmp_path: Path) -> None:
    """grep -q exits at the first match; with ldconfig still writing, it dies of SIGPIPE and
    pipefail turned that into "missing". A long listing with the libraries first shows it every
    time."""
    script = (ROOT / ".ci" / "run").read_text()
    block = re.search(r"^missing=\(\)\n(.*?^done\n)", script, re.S | re.M)
    assert block is not None, "the library check moved: update this test"
    fake = tmp_path / "ldconfig"
    fake.write_text(
        "#!/usr/bin/env bash\n"
        "printf '\\tlibpango-1.0.so.0 (libc6,x86-64) => /x\\n'\n"
        "printf '\\tlibpangoft2-1.0.so.0 (libc6,x86-64) => /x\\n'\n"
        "printf '\\tlibharfbuzz-subset.so.0 (libc6,x86-64) => /x\\n'\n"
        "yes '\tlibfiller.so.1 (libc6,x86-64) => /usr/lib/libfiller.so.1' | head -n 200000\n"
    )
    fake.chmod(0o755)
    test = f'set -euo pipefail\nmissing=()\n{block.group(1)}echo "missing=${{missing[*]:-}}"\n'
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-c", test], capture_output=True, text=True, env=env, check=True, timeout=60
    )
    assert done.stdout.strip() == "missing="
