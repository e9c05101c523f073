"""Where the browser tests find Debian's Chromium (never a downloaded browser): the browser
rig launches it, and the suite's summary line says whether that tier ran."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = os.environ.get("AFTERHOURS_CHROMIUM", "/usr/bin/chromium")
NO_CHROMIUM = f"no Chromium at {CHROMIUM} (.ci/install-chromium installs it)"


def chromium_found() -> bool:
    return Path(CHROMIUM).exists()
