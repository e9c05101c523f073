# afterhours: the api and worker image (docker-compose.yml runs both from it).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so that a code change reuses this layer.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The whole repository, tests included: `afterhours demo` drives the app through
# tests/twilio_harness.py. Code stays owned by root; the app cannot change it.
COPY . .
RUN pip install --no-deps . \
    && rm -rf build *.egg-info

# Non-root user and its writable data directory (spool, development token, SQLite file).
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/afterhours --no-create-home afterhours \
    && mkdir -p /var/lib/afterhours \
    && chown afterhours:afterhours /var/lib/afterhours

# Import router from /app rather than site-packages: `afterhours demo` loads
# tests/twilio_harness.py from beside the router package, and tests/ is not installed.
ENV PYTHONPATH=/app \
    SPOOL_PATH=/var/lib/afterhours/afterhours.spool \
    DEV_TOKEN_PATH=/var/lib/afterhours/.afterhours-dev-token

USER afterhours
WORKDIR /var/lib/afterhours
EXPOSE 8000

CMD ["afterhours", "serve", "--host", "0.0.0.0", "--port", "8000"]
