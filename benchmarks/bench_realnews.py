"""Extraction accuracy on real news, when the team's real-news set is beside the checkout.

    python benchmarks/bench_realnews.py [--verbose]

The real-news development set and its scorer live outside the repository (``../shared/``),
because the texts are real articles that must not be copied into it. This script only runs
that scorer with the graphkit of this checkout and prints its figures; in a user's clone,
where the set is absent, it says so and exits 0.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# GRAPHKIT_SHARED names the folder when the checkout is elsewhere (a git worktree).
SHARED = Path(os.environ.get("GRAPHKIT_SHARED", ROOT.parent / "shared"))
SCORER = SHARED / "tools" / "realnews_score.py"


def main(argv: list[str]) -> int:
    if not SCORER.is_file():
        print(f"no real-news scorer at {SCORER}: nothing to measure")
        return 0
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    command = [sys.executable, str(SCORER), *argv]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
