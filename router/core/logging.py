"""Application logging. S7: ids and event types only; never numbers, names or text bodies."""

from __future__ import annotations

import logging


def configure_logging(level: int = logging.INFO) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # The twilio SDK logs request parameters (numbers, message bodies) at INFO.
    logging.getLogger("twilio.http_client").setLevel(logging.WARNING)
    # httpx logs every request URL at INFO; ours carry only opaque ids, but keep it quiet.
    logging.getLogger("httpx").setLevel(logging.WARNING)
