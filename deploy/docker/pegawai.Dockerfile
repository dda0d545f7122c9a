# The pegawai app. Build from the repository root:
#   docker build -f deploy/docker/pegawai.Dockerfile -t asn-merit/pegawai .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY shared/ shared/
COPY services/pegawai/ services/pegawai/

# Configured only by environment (see docker-compose.yml and shared/settings.py).
ENV PYTHONPATH=/app:/app/services/pegawai \
    HOST=0.0.0.0 \
    PORT=8001

RUN useradd --system --uid 10001 --no-create-home asn
USER 10001

EXPOSE 8001
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['PORT'] + '/healthz', timeout=2)"]

# The same start command as the native run (devtools/apps.py); 'python -m pegawai migrate' migrates.
CMD ["python", "-m", "pegawai"]
