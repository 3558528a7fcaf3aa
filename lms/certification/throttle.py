"""A simple per-address rate limit on the cache (fixed one-minute windows).

The count lives in the shared cache (the database, or Redis with REDIS_URL; see
CACHES in lms/settings/base.py), so every worker process adds to the same count.
Redis increments atomically; the database cache reads and writes, so two requests
in the same instant may count once (a limit a little loose, never too strict).
REMOTE_ADDR only: behind a proxy, have the proxy set it (X-Forwarded-For can be
forged by anyone).
"""

from __future__ import annotations

import time

from django.core.cache import cache


def rate_limited(request, *, scope: str, limit: int, period: int = 60) -> bool:
    """Count this request; True once the address has made more than `limit`."""
    address = request.META.get("REMOTE_ADDR", "")
    window = int(time.time() // period)
    key = f"throttle:{scope}:{address}:{window}"
    cache.add(key, 0, timeout=period * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=period * 2)
        count = 1
    return count > limit
