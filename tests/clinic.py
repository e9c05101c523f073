"""The fictional clinic every test uses: Riverside DBT Clinic's numbers (555-01xx only), its
people, and the instants of its week that the tests play. Nobody here is real."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

DATA = Path(__file__).parent / "data"
TOKEN = "test-auth-token-0123456789abcdef"
BASE_URL = "http://testserver"
PRACTICE_NUMBER = "+16175550100"
CRISIS_LINE = "+16175550111"
LEE, PATEL, KIM, ORTIZ, CHEN = (
    "+16175550101",
    "+16175550102",
    "+16175550103",
    "+16175550104",
    "+16175550105",
)
SAM, ANA, JO = "+16175550199", "+16175550198", "+16175550197"
STRANGER = "+16175550150"
ACCOUNT_SID = "AC" + "0" * 32  # the simulated Twilio account
# A database that is never there: the fail-safe tests point the app at it.
DEAD_DATABASE = "postgresql://nobody@127.0.0.1:1/afterhours"

# Wednesday 2026-11-25, 21:00 in New York: Lee and Patel are on call.
WEDNESDAY_9PM = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
# Wednesday 23:30 New York: Lee is off, Patel on.
WEDNESDAY_1130PM = datetime(2026, 11, 26, 4, 30, tzinfo=UTC)
# Saturday 2026-11-28 10:00 New York: only Kim, on duty.
SATURDAY_10AM = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)
# Thursday 2026-11-26 12:00 New York: nobody on call.
THURSDAY_NOON = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
