"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py lms.wsgi`.

Every value can be changed from the environment, so one image serves a laptop
and a 16-core host. Measured on 2 cores (bench/README.md, "Load"): see there
before changing WEB_CONCURRENCY.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Sync workers: every request is short (drills poll, nothing streams or sleeps),
# and each worker holds one database connection for CONN_MAX_AGE.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# Load the app once in the master: a configuration error stops start-up with its
# one-line message instead of killing every worker in turn.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never take a node down.
max_requests = 2000
max_requests_jitter = 200
# Heartbeat files in memory, not on a container's overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Who may set X-Forwarded-Proto/-For for gunicorn: the proxy in front (compose's
# network, or 127.0.0.1 when nginx runs on the same host). Django reads the
# scheme itself through SECURE_PROXY_SSL_HEADER (lms/settings/production.py).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs to stdout/stderr for docker or journald. The access log ends with the time
# the request took in microseconds (server side), which bench/bench_load.py reads.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s "%(a)s" %(D)s'
