"""Staff accounts (SPEC §11): passwords, invites, sign-in with a texted code, sessions, tokens.

Services here never commit: the request or the CLI command commits at its boundary, also when
a sign-in is refused, so that failed attempts count.
"""
