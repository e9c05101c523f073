# afterhours: the api and worker image (docker-compose.yml runs both from it).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, exactly as locked (versions and hashes), so that a code change reuses
# this layer and a rebuild installs what was tested. Regenerate the lock after changing
# pyproject.toml's dependencies:
#   pip-compile --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

# The package, installed the ordinary way: the app, its migrations, the demo roster and the
# Twilio simulator `afterhours demo` plays through all ship in it. Code stays owned by
# root; the app cannot change it.
COPY README.md ./
COPY policies ./policies
COPY router ./router
COPY workers ./workers
RUN pip install --no-deps . \
    && rm -rf build *.egg-info

# Non-root user and its writable data directory (spool, development token, SQLite file).
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/afterhours --no-create-home afterhours \
    && mkdir -p /var/lib/afterhours \
    && chown afterhours:afterhours /var/lib/afterhours

ENV SPOOL_PATH=/var/lib/afterhours/afterhours.spool \
    DEV_TOKEN_PATH=/var/lib/afterhours/.afterhours-dev-token

USER afterhours
WORKDIR /var/lib/afterhours
EXPOSE 8000

CMD ["afterhours", "serve", "--host", "0.0.0.0", "--port", "8000"]
