"""How the S1 tests tell "answered at once" from "waited on a dead dependency".

S1's one-second answer is the app's own deadline (router/failsafe/deadline.py): the tests prove
it by what the answer is (the crisis-line fail-safe while routing is held past the deadline),
not by a stopwatch, since speed is `make bench`'s and a loaded machine slows any request. What
they still time is only that a webhook never *waits* on a database or Redis that is down or
hung: those waits are connect and statement timeouts of 10 s and more (or forever), so a bound
of 5 s tells them apart on any machine, busy or not.
"""

NEVER_WAITS_S = 5.0
